package passrelay.kafka;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.event.PassUpdateEvent;

/** A valid event waiting in its pass lane, with the original record kept for the dead-letter topic. */
record Pending(ConsumerRecord<byte[], byte[]> record, PassUpdateEvent event, Instant receivedAt) {
}

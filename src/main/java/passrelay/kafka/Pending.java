package passrelay.kafka;

import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.event.PassUpdateEvent;

/**
 * A valid event waiting in its pass lane, with the original record kept for the dead-letter topic and its
 * process span, which parents its calls and sends (see {@link Tracing}).
 */
record Pending(ConsumerRecord<byte[], byte[]> record, PassUpdateEvent event, Instant receivedAt, Span process) {
}

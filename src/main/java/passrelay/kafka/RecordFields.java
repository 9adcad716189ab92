package passrelay.kafka;

import java.util.Optional;
import org.slf4j.spi.LoggingEventBuilder;
import passrelay.dispatch.SourcePartition;

/**
 * What names one consumed record in a log line, as fields of their own (JSON logs make them searchable):
 * {@code passId} and {@code eventId} when the record had readable ones, {@code topic}, {@code partition},
 * {@code offset}. Never the payload: payloads are customer data.
 */
record RecordFields(SourcePartition partition, long offset, Optional<String> passId, Optional<String> eventId) {

    static RecordFields of(SourcePartition partition, long offset, String passId, String eventId) {
        return new RecordFields(partition, offset, Optional.of(passId), Optional.of(eventId));
    }

    /** Adds the fields to a log line being built. */
    LoggingEventBuilder addTo(LoggingEventBuilder line) {
        passId.ifPresent(value -> line.addKeyValue("passId", value));
        eventId.ifPresent(value -> line.addKeyValue("eventId", value));
        return line.addKeyValue("topic", partition.topic()).addKeyValue("partition", partition.partition())
                .addKeyValue("offset", offset);
    }
}

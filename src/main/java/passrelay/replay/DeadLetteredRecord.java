package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import passrelay.event.DeadLetter;
import passrelay.event.Json;
import passrelay.event.SourcePosition;

/**
 * A record read from the DLT with what replay decides by: its dead-letter headers (empty when
 * unreadable) and the pass it belongs to (empty when neither key nor value names one).
 */
record DeadLetteredRecord(ConsumerRecord<byte[], byte[]> record, Optional<DeadLetter> deadLetter,
                          Optional<String> passId) {

    static DeadLetteredRecord of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetteredRecord(record, DeadLetter.fromHeaders(name -> lastValue(record.headers(), name)),
                passId(record));
    }

    /** Where this record stands in the DLT: the value of {@code passrelay.replay.of} on its copy. */
    SourcePosition position() {
        return new SourcePosition(record.topic(), record.partition(), record.offset());
    }

    private static String lastValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }

    /** The key, as the worker keys by passId; a record without one (often malformed) may name it in its value. */
    private static Optional<String> passId(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() != null) {
            return Optional.of(new String(record.key(), UTF_8));
        }
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode passId = Json.mapper().readTree(record.value()).path("update").path("passId");
            return passId.isTextual() ? Optional.of(passId.textValue()) : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}

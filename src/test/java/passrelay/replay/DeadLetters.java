package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import passrelay.event.DeadLetter;
import passrelay.event.DeadLetterReason;
import passrelay.event.SourcePosition;

/** Dead letters as the worker writes them: the original headers first, then the passrelay.dlt.* ones. */
final class DeadLetters {
    static final String DLT = "pass-updates-dlt";
    static final Instant FAILED_AT = Instant.parse("2026-11-25T10:16:02.500Z");

    private DeadLetters() {
    }

    static DeadLetter unknownResult(String resultCode, Instant failedAt) {
        return new DeadLetter(DeadLetterReason.UNKNOWN_RESULT, new SourcePosition("pass-updates", 0, 7),
                1_764_065_730_123L, Optional.of("event-1"), Optional.of(resultCode), Optional.of("it failed"), 8,
                Optional.of("java.net.http.HttpTimeoutException: timed out"), failedAt);
    }

    static DeadLetter malformed(Instant failedAt) {
        return new DeadLetter(DeadLetterReason.MALFORMED_EVENT, new SourcePosition("pass-updates", 0, 8),
                1_764_065_730_123L, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.of("update is missing"), failedAt);
    }

    static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(UTF_8));
    }

    static RecordHeaders headers(DeadLetter deadLetter, Header... original) {
        RecordHeaders headers = new RecordHeaders(original);
        deadLetter.headers().forEach((name, value) -> headers.add(name, value.getBytes(UTF_8)));
        return headers;
    }

    static DeadLetteredRecord read(long offset, String key, byte[] value, RecordHeaders headers) {
        return DeadLetteredRecord.of(new ConsumerRecord<>(DLT, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                key == null ? null : key.getBytes(UTF_8), value, headers, Optional.empty()));
    }

    static DeadLetteredRecord read(String key, DeadLetter deadLetter) {
        return read(0, key, "{}".getBytes(UTF_8), headers(deadLetter));
    }
}

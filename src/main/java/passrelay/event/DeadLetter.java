package passrelay.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The headers passrelay adds to a record it dead-letters (SPEC section 4); the original key, value and
 * headers travel unchanged beside them. Free-text values are cut to {@link #MAX_VALUE_LENGTH}.
 *
 * @param original          where the record came from
 * @param originalTimestamp the original record's timestamp, epoch milliseconds
 * @param attempts          calls made to AlipayHK
 * @param error             the last exception's class and message; for a malformed event, why it is malformed
 */
public record DeadLetter(DeadLetterReason reason, SourcePosition original, long originalTimestamp,
                         Optional<String> eventId, Optional<String> resultCode, Optional<String> resultMessage,
                         int attempts, Optional<String> error, Instant failedAt) {
    public static final String REASON = "passrelay.dlt.reason";
    public static final String ORIGINAL_TOPIC = "passrelay.dlt.original.topic";
    public static final String ORIGINAL_PARTITION = "passrelay.dlt.original.partition";
    public static final String ORIGINAL_OFFSET = "passrelay.dlt.original.offset";
    public static final String ORIGINAL_TIMESTAMP = "passrelay.dlt.original.timestamp";
    public static final String EVENT_ID = "passrelay.dlt.event.id";
    public static final String RESULT_CODE = "passrelay.dlt.result.code";
    public static final String RESULT_MESSAGE = "passrelay.dlt.result.message";
    public static final String ATTEMPTS = "passrelay.dlt.attempts";
    public static final String ERROR = "passrelay.dlt.error";
    public static final String FAILED_AT = "passrelay.dlt.failed.at";
    /** Added by the replay tool: the {@link SourcePosition#reference()} of the DLT record replayed. */
    public static final String REPLAY_OF = "passrelay.replay.of";
    public static final int MAX_VALUE_LENGTH = 1000;

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(original, "original");
        eventId = cut(eventId, "eventId");
        resultCode = cut(resultCode, "resultCode");
        resultMessage = cut(resultMessage, "resultMessage");
        error = cut(error, "error");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        failedAt = IsoInstants.toMillis(Objects.requireNonNull(failedAt, "failedAt"));
    }

    /** A malformed record: no call was made; the reason it is malformed goes into the error header. */
    public static DeadLetter malformed(SourcePosition original, long originalTimestamp,
                                       DecodedEvent.Malformed malformed, Instant failedAt) {
        return new DeadLetter(DeadLetterReason.MALFORMED_EVENT, original, originalTimestamp, malformed.eventId(),
                Optional.empty(), Optional.empty(), 0, Optional.of(malformed.reason()), failedAt);
    }

    /** The headers to add, in the order of SPEC section 4; absent values have no header. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REASON, reason.name());
        headers.put(ORIGINAL_TOPIC, original.topic());
        headers.put(ORIGINAL_PARTITION, Integer.toString(original.partition()));
        headers.put(ORIGINAL_OFFSET, Long.toString(original.offset()));
        headers.put(ORIGINAL_TIMESTAMP, Long.toString(originalTimestamp));
        eventId.ifPresent(value -> headers.put(EVENT_ID, value));
        resultCode.ifPresent(value -> headers.put(RESULT_CODE, value));
        resultMessage.ifPresent(value -> headers.put(RESULT_MESSAGE, value));
        headers.put(ATTEMPTS, Integer.toString(attempts));
        error.ifPresent(value -> headers.put(ERROR, value));
        headers.put(FAILED_AT, IsoInstants.format(failedAt));
        return headers;
    }

    /**
     * Reads the headers back. A record dead-lettered more than once carries them more than once: pass the
     * last value of each. Empty when a required header is missing or unreadable (not passrelay's record).
     */
    public static Optional<DeadLetter> fromHeaders(Function<String, String> lastHeaderValue) {
        String reason = lastHeaderValue.apply(REASON);
        String topic = lastHeaderValue.apply(ORIGINAL_TOPIC);
        String partition = lastHeaderValue.apply(ORIGINAL_PARTITION);
        String offset = lastHeaderValue.apply(ORIGINAL_OFFSET);
        String timestamp = lastHeaderValue.apply(ORIGINAL_TIMESTAMP);
        String attempts = lastHeaderValue.apply(ATTEMPTS);
        String failedAt = lastHeaderValue.apply(FAILED_AT);
        if (reason == null || topic == null || partition == null || offset == null || timestamp == null
                || attempts == null || failedAt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeadLetter(DeadLetterReason.valueOf(reason),
                    new SourcePosition(topic, Integer.parseInt(partition), Long.parseLong(offset)),
                    Long.parseLong(timestamp), Optional.ofNullable(lastHeaderValue.apply(EVENT_ID)),
                    Optional.ofNullable(lastHeaderValue.apply(RESULT_CODE)),
                    Optional.ofNullable(lastHeaderValue.apply(RESULT_MESSAGE)), Integer.parseInt(attempts),
                    Optional.ofNullable(lastHeaderValue.apply(ERROR)), IsoInstants.parse(failedAt)));
        } catch (IllegalArgumentException | DateTimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<String> cut(Optional<String> value, String name) {
        return Objects.requireNonNull(value, name).map(text -> Excerpt.of(text, MAX_VALUE_LENGTH));
    }
}

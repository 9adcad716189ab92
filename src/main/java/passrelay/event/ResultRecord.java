package passrelay.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One event's outcome on the results topic (SPEC section 4), keyed by passId. {@link #toJson()} writes
 * exactly the documented fields, in the documented order.
 *
 * @param status       {@code update.status} of the event
 * @param resultStatus {@code S}, {@code F} or {@code U}
 * @param attempts     calls made to AlipayHK (0 for an invalid event)
 * @param reconciled   an earlier unknown attempt turned out to have taken effect
 * @param tracerId     AlipayHK's {@code Tracer-Id} of the last response, when there was one
 */
public record ResultRecord(String eventId, String passId, String status, String resultStatus, String resultCode,
                           String resultMessage, int attempts, boolean reconciled, Optional<String> tracerId,
                           SourcePosition source, Instant receivedAt, Instant completedAt) {
    public static final String PARAM_ILLEGAL = "PARAM_ILLEGAL";
    public static final Set<String> RESULT_STATUSES = Set.of("S", "F", "U");
    static final int MAX_MESSAGE_LENGTH = 1000;

    public ResultRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resultCode, "resultCode");
        Objects.requireNonNull(tracerId, "tracerId");
        Objects.requireNonNull(source, "source");
        if (!RESULT_STATUSES.contains(resultStatus)) {
            throw new IllegalArgumentException(
                    "resultStatus must be S, F or U, not " + Excerpt.quoted(String.valueOf(resultStatus)));
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        resultMessage = Excerpt.of(Objects.requireNonNull(resultMessage, "resultMessage"), MAX_MESSAGE_LENGTH);
        receivedAt = IsoInstants.toMillis(Objects.requireNonNull(receivedAt, "receivedAt"));
        completedAt = IsoInstants.toMillis(Objects.requireNonNull(completedAt, "completedAt"));
    }

    /** The outcome of an invalid event: F / PARAM_ILLEGAL, no call made, the message naming the field. */
    public static ResultRecord invalid(PassUpdateEvent event, String message, SourcePosition source,
                                       Instant receivedAt, Instant completedAt) {
        return new ResultRecord(event.eventId(), event.passId(), event.status(), "F", PARAM_ILLEGAL, message, 0,
                false, Optional.empty(), source, receivedAt, completedAt);
    }

    /** S or F: AlipayHK's final word on the event (U may still change). */
    public boolean isFinal() {
        return !resultStatus.equals("U");
    }

    /** The record value: UTF-8 JSON with the fields of SPEC section 4, in order. */
    public byte[] toJson() {
        return ResultRecordJson.write(this);
    }

    /**
     * Reads a record value back (replay tool, tests).
     *
     * @throws IllegalArgumentException naming the first missing or mistyped field, or when it is not JSON
     */
    public static ResultRecord fromJson(byte[] json) {
        return ResultRecordJson.read(json);
    }

    /** {@link #fromJson} for values that may be anything: empty when it is no results record. */
    public static Optional<ResultRecord> tryFromJson(byte[] json) {
        try {
            return Optional.of(fromJson(json));
        } catch (IllegalArgumentException notAResult) {
            return Optional.empty();
        }
    }
}

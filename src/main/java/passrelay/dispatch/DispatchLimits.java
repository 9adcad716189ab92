package passrelay.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the dispatcher pushes, validated once here so the engine never meets a nonsensical value.
 *
 * @param maxInFlight      calls in flight at once, all partitions and passes together
 * @param maxBuffered      accepted records not yet published before partitions are paused
 * @param retryMaxAttempts calls per event, the first included, before its retries are spent
 * @param initialBackoff   ceiling of the first retry's random delay
 * @param maxBackoff       largest ceiling the doubling may reach
 */
public record DispatchLimits(int maxInFlight, int maxBuffered, int retryMaxAttempts,
                             Duration initialBackoff, Duration maxBackoff) {

    /** Far above any sensible setting; keeps backoff arithmetic in nanoseconds free of overflow. */
    static final Duration LONGEST_BACKOFF = Duration.ofDays(365);

    public DispatchLimits {
        requireAtLeastOne("maxInFlight", maxInFlight);
        requireAtLeastOne("maxBuffered", maxBuffered);
        requireAtLeastOne("retryMaxAttempts", retryMaxAttempts);
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be smaller than initialBackoff ("
                    + initialBackoff + ")");
        }
        if (maxBackoff.compareTo(LONGEST_BACKOFF) > 0) {
            throw new IllegalArgumentException("maxBackoff must be at most " + LONGEST_BACKOFF + ", was " + maxBackoff);
        }
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}

package passrelay.config;

import java.time.Duration;

/**
 * AlipayHK's circuit breaker: how many failing calls in how large a window open it, and how long it
 * waits at most before half-open trial calls.
 */
public record BreakerSettings(int failureRatePercent, int minimumCalls, int windowSize, Duration maxOpenWait) {
    /** The first open wait; later ones double up to {@link #maxOpenWait}. */
    public static final Duration FIRST_OPEN_WAIT = Duration.ofSeconds(1);

    public BreakerSettings {
        if (failureRatePercent < 1 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failure rate must be 1..100 %, was " + failureRatePercent);
        }
        if (windowSize < 1 || minimumCalls < 1 || minimumCalls > windowSize) {
            throw new IllegalArgumentException("need 1 <= minimum calls (" + minimumCalls + ") <= window ("
                    + windowSize + ")");
        }
        if (maxOpenWait.isNegative() || maxOpenWait.isZero()) {
            throw new IllegalArgumentException("max open wait must be positive, was " + maxOpenWait);
        }
    }

    /** The first wait in the open state: one second, or the longest wait if that is shorter. */
    public Duration firstOpenWait() {
        return FIRST_OPEN_WAIT.compareTo(maxOpenWait) <= 0 ? FIRST_OPEN_WAIT : maxOpenWait;
    }

    /** Reads the breaker settings, recording every problem in the reader; null when any is bad. */
    public static BreakerSettings read(SettingsReader reader) {
        Integer rate = reader.optional(Settings.BREAKER_FAILURE_RATE);
        Integer minimum = reader.optional(Settings.BREAKER_MIN_CALLS);
        Integer window = reader.optional(Settings.BREAKER_WINDOW);
        Integer maxWait = reader.optional(Settings.BREAKER_MAX_WAIT_MS);
        if (minimum != null && window != null && minimum > window) {
            reader.problem(Settings.BREAKER_MIN_CALLS.name() + " (" + minimum + ") is larger than "
                    + Settings.BREAKER_WINDOW.name() + " (" + window + ")");
            return null;
        }
        if (rate == null || minimum == null || window == null || maxWait == null) {
            return null;
        }
        return new BreakerSettings(rate, minimum, window, Duration.ofMillis(maxWait));
    }
}

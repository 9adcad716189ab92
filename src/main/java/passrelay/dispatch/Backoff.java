package passrelay.dispatch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the delay is uniform in [0, ceiling], the ceiling doubling per
 * attempt up to a maximum. Full jitter spreads a burst of failed calls instead of retrying them in step.
 */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** A random delay before the next call of a job that has made {@code attempts} calls. */
    Duration delayAfter(int attempts) {
        return Duration.ofNanos(random.nextLong(ceilingNanos(attempts) + 1));
    }

    /** The largest delay {@link #delayAfter} may return: initial * 2^(attempts-1), capped at max. */
    Duration ceiling(int attempts) {
        return Duration.ofNanos(ceilingNanos(attempts));
    }

    private long ceilingNanos(int attempts) {
        int doublings = Math.max(0, attempts - 1);
        // initial << doublings <= max exactly when initial <= max >> doublings; checking it this way cannot overflow.
        if (doublings >= Long.SIZE - 1 || initialNanos > (maxNanos >> doublings)) {
            return maxNanos;
        }
        return initialNanos << doublings;
    }
}

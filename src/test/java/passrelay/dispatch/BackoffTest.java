package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(30);

    private final Backoff backoff = new Backoff(INITIAL, MAX, new SplittableRandom(42));

    @Test
    void shouldDoubleTheCeilingPerAttemptUntilTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.ceiling(8)).isEqualTo(Duration.ofMillis(25_600));
        assertThat(backoff.ceiling(9)).isEqualTo(MAX);
        assertThat(backoff.ceiling(10)).isEqualTo(MAX);
    }

    @Test
    void shouldUseTheInitialCeilingWhenNoAttemptWasCounted() {
        assertThat(backoff.ceiling(0)).isEqualTo(INITIAL);
    }

    @Test
    void shouldNotOverflowForHugeAttemptCounts() {
        for (int attempts : new int[] {62, 63, 64, 65, 1_000, Integer.MAX_VALUE}) {
            assertThat(backoff.ceiling(attempts)).as("attempts %d", attempts).isEqualTo(MAX);
            assertThat(backoff.delayAfter(attempts)).isBetween(Duration.ZERO, MAX);
        }
    }

    @Test
    void shouldNotOverflowWhenTheMaximumIsTheLongestAllowed() {
        Backoff longest = new Backoff(Duration.ofNanos(1), DispatchLimits.LONGEST_BACKOFF, new SplittableRandom(1));

        assertThat(longest.ceiling(40)).isEqualTo(Duration.ofNanos(1L << 39));
        assertThat(longest.ceiling(70)).isEqualTo(DispatchLimits.LONGEST_BACKOFF);
        assertThat(longest.delayAfter(70)).isBetween(Duration.ZERO, DispatchLimits.LONGEST_BACKOFF);
    }

    @Test
    void shouldDrawEveryDelayFromZeroToTheCeilingInclusive() {
        for (int attempts = 1; attempts <= 12; attempts++) {
            Duration ceiling = backoff.ceiling(attempts);
            Duration shortest = ceiling;
            Duration longest = Duration.ZERO;
            for (int draw = 0; draw < 2_000; draw++) {
                Duration delay = backoff.delayAfter(attempts);
                assertThat(delay).isBetween(Duration.ZERO, ceiling);
                shortest = delay.compareTo(shortest) < 0 ? delay : shortest;
                longest = delay.compareTo(longest) > 0 ? delay : longest;
            }
            // Full jitter: the draws cover the whole range, not a band near the ceiling.
            assertThat(shortest).isLessThan(ceiling.dividedBy(20));
            assertThat(longest).isGreaterThan(ceiling.minus(ceiling.dividedBy(20)));
        }
    }

    @Test
    void shouldReachBothEndsOfTheRangeWhenTheRandomSourceDoes() {
        Backoff lowest = new Backoff(INITIAL, MAX, ExtremeRandom.lowest());
        Backoff highest = new Backoff(INITIAL, MAX, ExtremeRandom.highest());

        assertThat(lowest.delayAfter(3)).isEqualTo(Duration.ZERO);
        assertThat(highest.delayAfter(3)).isEqualTo(Duration.ofMillis(800));
    }
}

package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import passrelay.dispatch.DispatchSimulation.Rebalances;

/** Random interleavings of everything the Kafka layer may do, checked step by step (see DispatchSimulation). */
class DispatcherRandomizedTest {

    private static DispatchLimits limits(int maxInFlight, int maxBuffered, int retryMaxAttempts) {
        return new DispatchLimits(maxInFlight, maxBuffered, retryMaxAttempts, Duration.ofMillis(50),
                Duration.ofSeconds(2));
    }

    @Test
    void shouldCallEveryPassInAcceptOrderOneAtATimeUnderRandomCompletionOrder() {
        for (long seed = 1; seed <= 5; seed++) {
            new DispatchSimulation(seed, limits(16, 100_000, 4), 3, 200, 2_000, Rebalances.NONE).run(20_000);
        }
    }

    @Test
    void shouldKeepOrderAndWatermarksWhenFewPassesContendForManySlots() {
        for (long seed = 11; seed <= 15; seed++) {
            new DispatchSimulation(seed, limits(64, 100_000, 6), 2, 5, 1_500, Rebalances.NONE).run(15_000);
        }
    }

    @Test
    void shouldNeverCommitPastAPendingRecordUnderBackpressureGapsAndSettledOffsets() {
        for (long seed = 21; seed <= 25; seed++) {
            new DispatchSimulation(seed, limits(8, 40, 3), 4, 50, 1_000, Rebalances.NONE).run(20_000);
        }
    }

    @Test
    void shouldKeepStaleReportsOutOfLaterEpochsAcrossRandomRebalances() {
        for (long seed = 31; seed <= 40; seed++) {
            new DispatchSimulation(seed, limits(16, 200, 4), 3, 40, 1_500, Rebalances.HANDOVERS).run(20_000);
        }
    }

    @Test
    void shouldDoEveryRecordOnceAndFlagEveryRecordSentBeforeAcrossHandovers() {
        for (long seed = 61; seed <= 64; seed++) {
            ResumeModel resumed = new DispatchSimulation(seed, limits(16, 200, 4), 3, 40, 1_500, Rebalances.HANDOVERS)
                    .run(20_000).resume();
            assertThat(resumed.skipped()).isPositive();
            assertThat(resumed.possibleResends()).isPositive();
        }
    }

    @Test
    void shouldNeverSkipAnUnpublishedRecordWhenOwnersCrashBetweenCommits() {
        for (long seed = 41; seed <= 45; seed++) {
            ResumeModel resumed = new DispatchSimulation(seed, limits(16, 200, 4), 3, 40, 1_500,
                    Rebalances.HANDOVERS_AND_CRASHES).run(20_000).resume();
            assertThat(resumed.skipped()).isPositive();
            assertThat(resumed.possibleResends()).isPositive();
        }
    }

    @Test
    void shouldNeverSkipAnUnpublishedRecordWhenFinishedOffsetsDoNotFitTheMetadataLimit() {
        for (long seed = 51; seed <= 54; seed++) {
            ResumeModel resumed = new DispatchSimulation(seed, limits(16, 200, 4), 3, 40, 1_500,
                    Rebalances.HANDOVERS_AND_CRASHES, ResumeMarksCodec.MIN_MAX_CHARS + (int) seed - 51).run(20_000)
                    .resume();
            assertThat(resumed.skipped()).isPositive();
        }
    }
}

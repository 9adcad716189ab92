package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import passrelay.testing.ManualClock;

class DispatcherScaleTest {

    private static final int PARTITIONS = 4;
    private static final int PASSES = 20_000;
    private static final int RECORDS = 100_000;

    /**
     * An event loop calls start after every single outcome. With 100k jobs over 20k lanes, an engine that scanned
     * its lanes per start would do billions of steps; ready and retry queues keep each start proportional to the
     * jobs it hands out. The generous deadline only separates those two shapes, it is not a benchmark.
     */
    @Test
    void shouldDispatchAHundredThousandJobsOverTwentyThousandLanesWithoutScanningThem() {
        ManualClock clock = new ManualClock(TestLimits.START);
        Dispatcher<Integer> dispatcher = new Dispatcher<>(
                new DispatchLimits(256, RECORDS, 3, Duration.ofMillis(10), Duration.ofMillis(100)), clock,
                new SplittableRandom(9));
        SplittableRandom random = new SplittableRandom(10);
        long began = System.nanoTime();

        for (int p = 0; p < PARTITIONS; p++) {
            dispatcher.assign(new SourcePartition("pass-updates", p));
        }
        for (int record = 0; record < RECORDS; record++) {
            SourcePartition partition = new SourcePartition("pass-updates", record % PARTITIONS);
            dispatcher.accept(partition, record / PARTITIONS, "pass-" + random.nextInt(PASSES), record);
        }
        assertThat(dispatcher.buffered()).isEqualTo(RECORDS);
        assertThat(dispatcher.lanes()).isGreaterThan(PASSES / 2);

        ArrayDeque<Job<Integer>> inFlight = new ArrayDeque<>(dispatcher.start(() -> true));
        long starts = 1;
        while (dispatcher.buffered() > 0) {
            Job<Integer> job = inFlight.pollFirst();
            if (job == null) {
                clock.set(dispatcher.nextDueTime().orElseThrow());
            } else if (job.attempts() == 1 && random.nextInt(4) == 0) {
                dispatcher.retryLater(job, true);
            } else {
                dispatcher.finish(job);
                dispatcher.published(job);
            }
            inFlight.addAll(dispatcher.start(() -> true));
            starts++;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);

        assertThat(starts).isGreaterThan(RECORDS);
        assertThat(dispatcher.lanes()).isZero();
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(dispatcher.committableOffset(new SourcePartition("pass-updates", p))).hasValue(RECORDS / PARTITIONS);
        }
        assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
    }
}

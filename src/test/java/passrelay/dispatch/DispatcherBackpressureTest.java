package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.dispatch.TestLimits.P0;
import static passrelay.dispatch.TestLimits.P1;
import static passrelay.dispatch.TestLimits.P2;
import static passrelay.dispatch.TestLimits.START;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import passrelay.testing.ManualClock;

class DispatcherBackpressureTest {

    private final ManualClock clock = new ManualClock(START);

    @Test
    void shouldPauseNothingWhileBelowEveryThreshold() {
        Dispatcher<String> dispatcher = dispatcher(12, P0, P1);
        fill(dispatcher, P0, 5);
        fill(dispatcher, P1, 5);

        assertThat(dispatcher.partitionsToPause()).isEmpty();
    }

    @Test
    void shouldPauseOnlyAPartitionThatReachesItsFairShare() {
        Dispatcher<String> dispatcher = dispatcher(12, P0, P1, P2);
        fill(dispatcher, P0, 4);
        fill(dispatcher, P1, 3);

        assertThat(dispatcher.partitionsToPause()).containsExactly(P0);
        assertThat(dispatcher.pausedPartitions()).containsExactly(P0);
    }

    @Test
    void shouldPauseEveryPartitionWhenTheTotalReachesMaxBuffered() {
        Dispatcher<String> dispatcher = dispatcher(10, P0, P1, P2);
        fill(dispatcher, P0, 1);
        fill(dispatcher, P1, 1);
        fill(dispatcher, P2, 7);
        assertThat(dispatcher.partitionsToPause()).containsExactly(P2);

        fill(dispatcher, P2, 1);

        assertThat(dispatcher.partitionsToPause()).containsExactlyInAnyOrder(P0, P1);
        assertThat(dispatcher.pausedPartitions()).containsExactlyInAnyOrder(P0, P1, P2);
    }

    @Test
    void shouldReturnEachPauseOnlyOnce() {
        Dispatcher<String> dispatcher = dispatcher(4, P0, P1);
        fill(dispatcher, P0, 2);

        assertThat(dispatcher.partitionsToPause()).containsExactly(P0);
        fill(dispatcher, P1, 2);
        assertThat(dispatcher.partitionsToPause()).containsExactly(P1);
        assertThat(dispatcher.partitionsToPause()).isEmpty();
    }

    @Test
    void shouldResumeOnlyAfterDrainingBelowHalfOfTheThreshold() {
        Dispatcher<String> dispatcher = dispatcher(100, P0, P1);
        fill(dispatcher, P0, 50);
        assertThat(dispatcher.partitionsToPause()).containsExactly(P0);

        publish(dispatcher, P0, 0, 25);
        assertThat(dispatcher.buffered(P0)).isEqualTo(25);
        assertThat(dispatcher.partitionsToResume()).as("25 is not below half of 50").isEmpty();
        assertThat(dispatcher.partitionsToPause()).as("already paused").isEmpty();

        publish(dispatcher, P0, 25, 26);
        assertThat(dispatcher.partitionsToResume()).containsExactly(P0);
        assertThat(dispatcher.partitionsToResume()).isEmpty();
        assertThat(dispatcher.pausedPartitions()).isEmpty();
    }

    @Test
    void shouldWaitForTheTotalToDrainBeforeResumingAfterAGlobalPause() {
        Dispatcher<String> dispatcher = dispatcher(10, P0, P1);
        fill(dispatcher, P0, 1);
        fill(dispatcher, P1, 9);
        assertThat(dispatcher.partitionsToPause()).containsExactlyInAnyOrder(P0, P1);

        publish(dispatcher, P1, 0, 5);
        assertThat(dispatcher.buffered()).isEqualTo(5);
        assertThat(dispatcher.partitionsToResume()).as("a total of 5 is not below half of 10").isEmpty();

        publish(dispatcher, P1, 5, 6);
        assertThat(dispatcher.partitionsToResume()).as("P1 holds 3, not below half its share of 5")
                .containsExactly(P0);

        publish(dispatcher, P1, 6, 7);
        assertThat(dispatcher.partitionsToResume()).containsExactly(P1);
    }

    @Test
    void shouldGiveEveryPartitionAFairShareOfAtLeastOne() {
        Dispatcher<String> dispatcher = dispatcher(2, P0, P1, P2);
        fill(dispatcher, P1, 1);

        assertThat(dispatcher.partitionsToPause()).containsExactly(P1);
        publish(dispatcher, P1, 0, 1);
        assertThat(dispatcher.partitionsToResume()).containsExactly(P1);
    }

    @Test
    void shouldForgetThePauseOfARevokedPartition() {
        Dispatcher<String> dispatcher = dispatcher(4, P0, P1);
        fill(dispatcher, P0, 2);
        assertThat(dispatcher.partitionsToPause()).containsExactly(P0);

        dispatcher.revoke(P0);
        dispatcher.assign(P0);

        assertThat(dispatcher.pausedPartitions()).isEmpty();
        assertThat(dispatcher.partitionsToResume()).isEmpty();
        fill(dispatcher, P0, 2);
        assertThat(dispatcher.partitionsToPause()).containsExactly(P0);
    }

    private Dispatcher<String> dispatcher(int maxBuffered, SourcePartition... partitions) {
        Dispatcher<String> dispatcher =
                new Dispatcher<>(TestLimits.of(8, maxBuffered, 3), clock, new SplittableRandom(2));
        for (SourcePartition partition : partitions) {
            dispatcher.assign(partition);
        }
        return dispatcher;
    }

    /** Accepts {@code count} more records into {@code partition}, at offsets following its last one. */
    private static void fill(Dispatcher<String> dispatcher, SourcePartition partition, int count) {
        long first = dispatcher.committableOffset(partition).orElse(0);
        long offset = first + dispatcher.buffered(partition);
        for (int i = 0; i < count; i++) {
            dispatcher.acceptSettled(partition, offset + i);
        }
    }

    /** Publishes offsets [from, to) of {@code partition}. */
    private static void publish(Dispatcher<String> dispatcher, SourcePartition partition, long from, long to) {
        for (long offset = from; offset < to; offset++) {
            assertThat(dispatcher.published(partition, offset)).isTrue();
        }
    }
}

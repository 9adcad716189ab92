package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.dispatch.TestLimits.P0;
import static passrelay.dispatch.TestLimits.P1;
import static passrelay.dispatch.TestLimits.START;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import passrelay.testing.ManualClock;

class DispatcherOffsetsTest {

    private final ManualClock clock = new ManualClock(START);
    private final Dispatcher<String> dispatcher =
            new Dispatcher<>(TestLimits.of(8, 1_000, 3), clock, new SplittableRandom(5));

    @BeforeEach
    void assignPartitions() {
        dispatcher.assign(P0);
        dispatcher.assign(P1);
    }

    @Test
    void shouldHaveNothingToCommitForAPartitionWithoutRecords() {
        assertThat(dispatcher.committableOffset(P0)).isEmpty();
        assertThat(dispatcher.committableOffset(new SourcePartition("pass-updates", 7))).isEmpty();
    }

    @Test
    void shouldCommitPastEverythingOnceAllIsPublished() {
        Job<String> first = dispatcher.accept(P0, 40, "A", "a");
        Job<String> second = dispatcher.accept(P0, 41, "B", "b");
        dispatcher.start(() -> true).forEach(dispatcher::finish);

        dispatcher.published(second);
        dispatcher.published(first);

        assertThat(dispatcher.committableOffset(P0)).hasValue(42);
        assertThat(dispatcher.buffered()).isZero();
    }

    @Test
    void shouldKeepAFinishedOffsetPendingUntilItIsPublished() {
        Job<String> job = dispatcher.accept(P0, 40, "A", "a");
        dispatcher.start(() -> true);
        dispatcher.finish(job);

        assertThat(dispatcher.committableOffset(P0)).hasValue(40);
        assertThat(dispatcher.buffered(P0)).isEqualTo(1);
        assertThat(dispatcher.published(P0, 40)).isTrue();
        assertThat(dispatcher.committableOffset(P0)).hasValue(41);
    }

    @Test
    void shouldNotCommitPastAnEarlierRecordStillRetrying() {
        Job<String> slow = dispatcher.accept(P0, 10, "A", "a");
        Job<String> fast = dispatcher.accept(P0, 11, "B", "b");
        dispatcher.start(() -> true);
        dispatcher.retryLater(slow, true);
        dispatcher.finish(fast);
        dispatcher.published(fast);

        assertThat(dispatcher.committableOffset(P0)).hasValue(10);
    }

    @Test
    void shouldHoldSettledOffsetsPendingWithoutALane() {
        dispatcher.acceptSettled(P0, 5);
        Job<String> job = dispatcher.accept(P0, 9, "A", "a");

        assertThat(dispatcher.lanes()).isEqualTo(1);
        assertThat(dispatcher.start(() -> true)).containsExactly(job);
        dispatcher.finish(job);
        dispatcher.published(job);
        assertThat(dispatcher.committableOffset(P0)).hasValue(5);
        assertThat(dispatcher.buffered(P0)).isEqualTo(1);

        assertThat(dispatcher.published(P0, 5)).isTrue();
        assertThat(dispatcher.committableOffset(P0)).hasValue(10);
    }

    @Test
    void shouldCountBufferedRecordsPerPartitionUntilPublished() {
        dispatcher.accept(P0, 0, "A", "a");
        dispatcher.accept(P0, 1, "A", "a");
        dispatcher.acceptSettled(P0, 2);
        dispatcher.accept(P1, 0, "B", "b");

        assertThat(dispatcher.buffered()).isEqualTo(4);
        assertThat(dispatcher.buffered(P0)).isEqualTo(3);
        assertThat(dispatcher.buffered(P1)).isEqualTo(1);

        dispatcher.published(P0, 2);
        assertThat(dispatcher.buffered()).isEqualTo(3);
        assertThat(dispatcher.buffered(P0)).isEqualTo(2);
    }

    @Test
    void shouldIgnoreAPublicationOfAnOffsetThatIsNotPending() {
        dispatcher.accept(P0, 3, "A", "a");

        assertThat(dispatcher.published(P0, 2)).isFalse();
        assertThat(dispatcher.published(P0, 3)).isTrue();
        assertThat(dispatcher.published(P0, 3)).isFalse();
        assertThat(dispatcher.buffered()).isZero();
        assertThat(dispatcher.committableOffset(P0)).hasValue(4);
    }

    @Test
    void shouldKeepPartitionsIndependent() {
        dispatcher.accept(P0, 100, "A", "a");
        dispatcher.acceptSettled(P1, 7);
        dispatcher.published(P1, 7);

        assertThat(dispatcher.committableOffset(P0)).hasValue(100);
        assertThat(dispatcher.committableOffset(P1)).hasValue(8);
    }
}

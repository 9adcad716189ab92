package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.dispatch.TestLimits.P0;
import static passrelay.dispatch.TestLimits.P1;
import static passrelay.dispatch.TestLimits.START;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import passrelay.testing.ManualClock;

/** What the oldest-unfinished-record gauge reads: per partition, when the record the commit waits for came in. */
class DispatcherOldestUnfinishedTest {

    private final ManualClock clock = new ManualClock(START);
    private final Dispatcher<String> dispatcher =
            new Dispatcher<>(TestLimits.of(8, 1_000, 3), clock, new SplittableRandom(5));

    @BeforeEach
    void assignPartitions() {
        dispatcher.assign(P0);
        dispatcher.assign(P1);
    }

    @Test
    void shouldLeaveOutPartitionsWithNothingUnfinished() {
        assertThat(dispatcher.oldestUnfinished()).isEmpty();
    }

    @Test
    void shouldGiveTheReceiveTimeOfTheLowestRecordNotYetPublished() {
        Job<String> first = dispatcher.accept(P0, 10, "A", "a");
        clock.advance(Duration.ofSeconds(5));
        Job<String> second = dispatcher.accept(P0, 11, "B", "b");
        clock.advance(Duration.ofSeconds(5));
        dispatcher.acceptSettled(P1, 3);
        dispatcher.start(() -> true).forEach(dispatcher::finish);

        assertThat(dispatcher.oldestUnfinished()).containsEntry(P0, START)
                .containsEntry(P1, START.plusSeconds(10));

        dispatcher.published(second);
        assertThat(dispatcher.oldestUnfinished()).as("a later record done changes nothing").containsEntry(P0, START);

        dispatcher.published(first);
        assertThat(dispatcher.oldestUnfinished()).doesNotContainKey(P0).containsKey(P1);
    }

    @Test
    void shouldKeepCountingWhileARecordWaitsForItsRetries() {
        Job<String> stuck = dispatcher.accept(P0, 10, "A", "a");
        dispatcher.start(() -> true);
        dispatcher.retryLater(stuck, true);
        clock.advance(Duration.ofMinutes(3));

        assertThat(dispatcher.oldestUnfinished()).containsEntry(P0, START);
        assertThat(dispatcher.retriesWaiting()).isEqualTo(1);
    }

    @Test
    void shouldFollowTheHeadAcrossManyRecordsAndCompaction() {
        for (int offset = 0; offset < 100; offset++) {
            dispatcher.acceptSettled(P0, offset);
            clock.advance(Duration.ofSeconds(1));
        }
        for (int offset = 0; offset < 60; offset++) {
            dispatcher.published(P0, offset);
        }
        for (int offset = 100; offset < 200; offset++) {
            dispatcher.acceptSettled(P0, offset);
        }

        assertThat(dispatcher.oldestUnfinished()).containsEntry(P0, START.plusSeconds(60));
    }

    @Test
    void shouldForgetARevokedPartition() {
        dispatcher.accept(P0, 10, "A", "a");

        dispatcher.revoke(P0);

        assertThat(dispatcher.oldestUnfinished()).isEmpty();
    }
}

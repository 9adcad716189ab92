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

class DispatcherRebalanceTest {

    private final ManualClock clock = new ManualClock(START);
    private final Dispatcher<String> dispatcher =
            new Dispatcher<>(TestLimits.of(8, 1_000, 3), clock, new SplittableRandom(11));

    @BeforeEach
    void assignPartitions() {
        dispatcher.assign(P0);
        dispatcher.assign(P1);
    }

    @Test
    void shouldMakeJobsOfARevokedPartitionStale() {
        Job<String> inFlight = dispatcher.accept(P0, 0, "A", "a1");
        Job<String> queued = dispatcher.accept(P0, 1, "A", "a2");
        Job<String> other = dispatcher.accept(P1, 0, "A", "b1");
        dispatcher.start(() -> true);

        dispatcher.revoke(P0);

        assertThat(dispatcher.isCurrent(inFlight)).isFalse();
        assertThat(dispatcher.isCurrent(queued)).isFalse();
        assertThat(dispatcher.isCurrent(other)).isTrue();
        assertThat(dispatcher.inFlight()).isEqualTo(1);
        assertThat(dispatcher.inFlight(P0)).isZero();
        assertThat(dispatcher.buffered()).isEqualTo(1);
        assertThat(dispatcher.lanes()).isEqualTo(1);
        assertThat(dispatcher.committableOffset(P0)).isEmpty();
    }

    @Test
    void shouldIgnoreEveryReportAboutAStaleJob() {
        Job<String> stale = dispatcher.accept(P0, 0, "A", "a1");
        dispatcher.start(() -> true);
        dispatcher.revoke(P0);

        dispatcher.retryLater(stale, true);
        dispatcher.finish(stale);

        assertThat(dispatcher.published(stale)).isFalse();
        assertThat(dispatcher.published(P0, 0)).isFalse();
        assertThat(dispatcher.nextDueTime()).isEmpty();
        assertThat(dispatcher.inFlight()).isZero();
        assertThat(dispatcher.buffered()).isZero();
    }

    @Test
    void shouldDropQueuedJobsAndRetriesOfARevokedPartition() {
        Job<String> retrying = dispatcher.accept(P0, 0, "A", "a1");
        dispatcher.accept(P0, 1, "B", "b1");
        dispatcher.start(() -> true).stream().filter(job -> job != retrying).forEach(dispatcher::finish);
        dispatcher.retryLater(retrying, true);
        dispatcher.accept(P0, 2, "B", "b2");

        dispatcher.revoke(P0);
        clock.advance(Duration.ofHours(1));

        assertThat(dispatcher.nextDueTime()).isEmpty();
        assertThat(dispatcher.start(() -> true)).isEmpty();
        assertThat(dispatcher.lanes()).isZero();
    }

    @Test
    void shouldStartAFreshEpochWhenARevokedPartitionIsReassigned() {
        Job<String> stale = dispatcher.accept(P0, 5, "A", "old");
        dispatcher.start(() -> true);
        dispatcher.revoke(P0);

        dispatcher.assign(P0);
        assertThat(dispatcher.committableOffset(P0)).isEmpty();
        Job<String> fresh = dispatcher.accept(P0, 5, "A", "new");
        Job<String> next = dispatcher.accept(P0, 6, "A", "newer");

        assertThat(dispatcher.isCurrent(stale)).isFalse();
        assertThat(dispatcher.isCurrent(fresh)).isTrue();
        assertThat(dispatcher.start(() -> true)).as("not while the pass's stale call is still in flight").isEmpty();
        dispatcher.finish(stale);
        assertThat(dispatcher.published(stale)).isFalse();
        dispatcher.landStale(stale);
        assertThat(dispatcher.start(() -> true)).containsExactly(fresh);
        assertThat(dispatcher.start(() -> true)).as("the stale call's end must not release the new lane").isEmpty();
        assertThat(dispatcher.committableOffset(P0)).hasValue(5);
        assertThat(dispatcher.buffered(P0)).isEqualTo(2);

        dispatcher.finish(fresh);
        assertThat(dispatcher.start(() -> true)).containsExactly(next);
    }

    @Test
    void shouldKeepTheEpochWhenAnAssignedPartitionIsAssignedAgain() {
        Job<String> job = dispatcher.accept(P0, 0, "A", "a1");

        dispatcher.assign(P0);

        assertThat(dispatcher.isCurrent(job)).isTrue();
        assertThat(dispatcher.buffered(P0)).isEqualTo(1);
        assertThat(dispatcher.start(() -> true)).containsExactly(job);
    }

    @Test
    void shouldIgnoreRevokingAPartitionThatIsNotAssigned() {
        dispatcher.accept(P1, 0, "A", "a1");

        dispatcher.revoke(new SourcePartition("pass-updates", 9));
        dispatcher.revoke(P0);
        dispatcher.revoke(P0);

        assertThat(dispatcher.buffered()).isEqualTo(1);
        assertThat(dispatcher.assignedPartitions()).containsExactly(P1);
    }
}

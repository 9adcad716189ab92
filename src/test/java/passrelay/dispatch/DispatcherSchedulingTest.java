package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static passrelay.dispatch.TestLimits.P0;
import static passrelay.dispatch.TestLimits.P1;
import static passrelay.dispatch.TestLimits.START;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import passrelay.testing.ManualClock;

class DispatcherSchedulingTest {

    private static final BooleanSupplier ALWAYS = () -> true;

    private final ManualClock clock = new ManualClock(START);
    private Dispatcher<String> dispatcher;

    @BeforeEach
    void assignPartitions() {
        dispatcher = dispatcherWith(4, 3);
    }

    @Test
    void shouldStartOnlyTheHeadOfEachLane() {
        Job<String> a1 = dispatcher.accept(P0, 0, "A", "a1");
        Job<String> a2 = dispatcher.accept(P0, 1, "A", "a2");
        Job<String> b1 = dispatcher.accept(P0, 2, "B", "b1");

        assertThat(dispatcher.start(ALWAYS)).containsExactly(a1, b1);
        assertThat(dispatcher.start(ALWAYS)).isEmpty();

        dispatcher.finish(a1);
        assertThat(dispatcher.start(ALWAYS)).containsExactly(a2);
    }

    @Test
    void shouldTreatTheSamePassInTwoPartitionsAsTwoLanes() {
        Job<String> first = dispatcher.accept(P0, 0, "A", "x");
        Job<String> second = dispatcher.accept(P1, 0, "A", "y");

        assertThat(dispatcher.start(ALWAYS)).containsExactly(first, second);
        assertThat(dispatcher.lanes()).isEqualTo(2);
    }

    @Test
    void shouldStartLanesInTheOrderTheyBecameReady() {
        Job<String> a1 = dispatcher.accept(P0, 0, "A", "a1");
        Job<String> a2 = dispatcher.accept(P0, 1, "A", "a2");
        dispatcher.start(ALWAYS);
        Job<String> b1 = dispatcher.accept(P0, 2, "B", "b1");
        dispatcher.finish(a1);
        Job<String> c1 = dispatcher.accept(P0, 3, "C", "c1");

        assertThat(dispatcher.start(ALWAYS)).containsExactly(b1, a2, c1);
    }

    @Test
    void shouldHoldALaneWhileItsHeadWaitsToRetryAndLetOtherLanesProceed() {
        Job<String> a1 = dispatcher.accept(P0, 0, "A", "a1");
        Job<String> a2 = dispatcher.accept(P0, 1, "A", "a2");
        Job<String> b1 = dispatcher.accept(P0, 2, "B", "b1");
        Job<String> b2 = dispatcher.accept(P0, 3, "B", "b2");
        dispatcher.start(ALWAYS);

        dispatcher.retryLater(a1, true);
        dispatcher.finish(b1);

        assertThat(dispatcher.start(ALWAYS)).containsExactly(b2);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.start(ALWAYS)).containsExactly(a1);
        dispatcher.finish(a1);
        assertThat(dispatcher.start(ALWAYS)).containsExactly(a2);
    }

    @Test
    void shouldNotStartARetryBeforeItIsDueAndStartItOnceDue() {
        dispatcher = new Dispatcher<>(TestLimits.of(4, 100, 3), clock, ExtremeRandom.highest());
        dispatcher.assign(P0);
        Job<String> job = dispatcher.accept(P0, 0, "A", "a1");
        dispatcher.start(ALWAYS);

        dispatcher.retryLater(job, true);

        assertThat(dispatcher.nextDueTime()).hasValue(START.plus(TestLimits.INITIAL_BACKOFF));
        clock.advance(TestLimits.INITIAL_BACKOFF.minusNanos(1));
        assertThat(dispatcher.start(ALWAYS)).isEmpty();
        clock.advance(Duration.ofNanos(1));
        assertThat(dispatcher.start(ALWAYS)).containsExactly(job);
        assertThat(dispatcher.nextDueTime()).isEmpty();
    }

    @Test
    void shouldDoubleTheRetryDelayCeilingPerAttemptUpToTheMaximum() {
        dispatcher = new Dispatcher<>(TestLimits.of(4, 100, 100), clock, ExtremeRandom.highest());
        dispatcher.assign(P0);
        Job<String> job = dispatcher.accept(P0, 0, "A", "a1");
        List<Long> delaysMs = new ArrayList<>();
        for (int call = 0; call < 7; call++) {
            assertThat(dispatcher.start(ALWAYS)).containsExactly(job);
            dispatcher.retryLater(job, true);
            Duration delay = Duration.between(clock.instant(), dispatcher.nextDueTime().orElseThrow());
            delaysMs.add(delay.toMillis());
            clock.advance(delay);
        }

        assertThat(delaysMs).containsExactly(100L, 200L, 400L, 800L, 1_600L, 1_600L, 1_600L);
    }

    @Test
    void shouldKeepTheBudgetButCountTheCallsWhenAttemptsAreRefunded() {
        Job<String> job = dispatcher.accept(P0, 0, "A", "a1");
        for (int refused = 0; refused < 10; refused++) {
            dispatcher.start(ALWAYS);
            dispatcher.retryLater(job, false);
            clock.advance(Duration.ofHours(1));
        }

        assertThat(job.attempts()).isZero();
        assertThat(job.calls()).isEqualTo(10);
        assertThat(job.hadRetryableFailure()).as("a refunded call may still have taken effect").isTrue();
        assertThat(dispatcher.budgetLeft(job)).isTrue();
    }

    @Test
    void shouldSpendTheBudgetAfterRetryMaxAttemptsCalls() {
        Job<String> job = dispatcher.accept(P0, 0, "A", "a1");
        for (int call = 1; call < 3; call++) {
            dispatcher.start(ALWAYS);
            assertThat(dispatcher.budgetLeft(job)).as("after call %d", call).isTrue();
            dispatcher.retryLater(job, true);
            clock.advance(Duration.ofHours(1));
        }
        dispatcher.start(ALWAYS);

        assertThat(job.attempts()).isEqualTo(3);
        assertThat(job.hadRetryableFailure()).isTrue();
        assertThat(dispatcher.budgetLeft(job)).isFalse();
    }

    @Test
    void shouldNeverHaveMoreThanMaxInFlightCalls() {
        for (int pass = 0; pass < 10; pass++) {
            dispatcher.accept(P0, pass, "pass-" + pass, "event");
        }

        List<Job<String>> started = dispatcher.start(ALWAYS);
        assertThat(started).hasSize(4);
        assertThat(dispatcher.start(ALWAYS)).isEmpty();
        assertThat(dispatcher.inFlight()).isEqualTo(4);

        dispatcher.finish(started.get(0));
        dispatcher.retryLater(started.get(1), true);
        assertThat(dispatcher.start(ALWAYS)).hasSize(2);
        assertThat(dispatcher.inFlight()).isEqualTo(4);
    }

    @Test
    void shouldStartNothingWhenThePermitIsRefused() {
        Job<String> job = dispatcher.accept(P0, 0, "A", "a1");
        AtomicInteger asked = new AtomicInteger();

        List<Job<String>> started = dispatcher.start(() -> asked.incrementAndGet() < 0);

        assertThat(started).isEmpty();
        assertThat(asked).hasValue(1);
        assertThat(dispatcher.inFlight()).isZero();
        assertThat(job.attempts()).isZero();
        assertThat(dispatcher.start(ALWAYS)).containsExactly(job);
    }

    @Test
    void shouldStopStartingAtTheFirstRefusedPermit() {
        Job<String> a = dispatcher.accept(P0, 0, "A", "a");
        Job<String> b = dispatcher.accept(P0, 1, "B", "b");
        Job<String> c = dispatcher.accept(P0, 2, "C", "c");
        AtomicInteger asked = new AtomicInteger();

        assertThat(dispatcher.start(() -> asked.incrementAndGet() <= 2)).containsExactly(a, b);
        assertThat(asked).hasValue(3);
        assertThat(dispatcher.start(ALWAYS)).containsExactly(c);
    }

    @Test
    void shouldNotAskForAPermitWhenNothingCouldStart() {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier counting = () -> asked.incrementAndGet() > 0;

        dispatcher.start(counting);
        for (int pass = 0; pass < 5; pass++) {
            dispatcher.accept(P0, pass, "pass-" + pass, "event");
        }
        dispatcher.start(counting);
        dispatcher.start(counting);

        assertThat(asked).hasValue(4);
    }

    @Test
    void shouldRemoveALaneOnceItsLastJobFinishes() {
        Job<String> a1 = dispatcher.accept(P0, 0, "A", "a1");
        Job<String> a2 = dispatcher.accept(P0, 1, "A", "a2");
        dispatcher.start(ALWAYS);
        dispatcher.finish(a1);
        dispatcher.start(ALWAYS);
        assertThat(dispatcher.lanes()).isEqualTo(1);

        dispatcher.finish(a2);

        assertThat(dispatcher.lanes()).isZero();
    }

    @Test
    void shouldNotLeakLanesOverManyPassIds() {
        for (int pass = 0; pass < 20_000; pass++) {
            dispatcher.accept(P0, pass, "pass-" + pass, "event");
            for (Job<String> started : dispatcher.start(ALWAYS)) {
                dispatcher.finish(started);
                dispatcher.published(started);
            }
        }

        assertThat(dispatcher.lanes()).isLessThanOrEqualTo(4);
        assertThat(dispatcher.buffered()).isLessThanOrEqualTo(4);
    }

    @Test
    void shouldRejectOutcomesForJobsThatAreNotInFlight() {
        Job<String> a1 = dispatcher.accept(P0, 0, "A", "a1");
        Job<String> a2 = dispatcher.accept(P0, 1, "A", "a2");
        dispatcher.start(ALWAYS);

        assertThatThrownBy(() -> dispatcher.finish(a2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> dispatcher.retryLater(a2, true)).isInstanceOf(IllegalStateException.class);
        dispatcher.finish(a1);
        assertThatThrownBy(() -> dispatcher.finish(a1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectRecordsOfAPartitionThatIsNotAssigned() {
        SourcePartition unassigned = new SourcePartition("pass-updates", 9);

        assertThatThrownBy(() -> dispatcher.accept(unassigned, 0, "A", "a"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pass-updates-9");
        assertThatThrownBy(() -> dispatcher.acceptSettled(unassigned, 0)).isInstanceOf(IllegalStateException.class);
    }

    private Dispatcher<String> dispatcherWith(int maxInFlight, int retryMaxAttempts) {
        Dispatcher<String> created = new Dispatcher<>(TestLimits.of(maxInFlight, 1_000_000, retryMaxAttempts), clock,
                new SplittableRandom(3));
        created.assign(P0);
        created.assign(P1);
        return created;
    }
}

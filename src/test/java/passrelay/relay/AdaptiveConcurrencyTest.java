package passrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AdaptiveConcurrencyTest {
    private static final Duration FAST = Duration.ofMillis(20);
    private static final Duration GUARD = Duration.ofMillis(1000);

    private static final int ONE_CUT = (int) (256 * AdaptiveConcurrency.KEEP_ON_CUT);
    private static final int TWO_CUTS = (int) (256 * AdaptiveConcurrency.KEEP_ON_CUT * AdaptiveConcurrency.KEEP_ON_CUT);

    private final List<LimitCut> cuts = new ArrayList<>();
    private final AdaptiveConcurrency limit = new AdaptiveConcurrency(8, 256, GUARD, cuts::add);

    @Test
    void shouldStartAtTheMaximum() {
        assertThat(limit.limit()).isEqualTo(256);
        assertThat(limit.takesThrottling()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = LoadSignal.class, names = {"THROTTLED", "TIMEOUT", "SERVER_ERROR"})
    void shouldCutTheLimitOnceARoundHoldsMoreLoadThanOnePercentOfIt(LoadSignal signal) {
        long stamp = limit.started();
        limit.landed(stamp, signal, "p1", FAST, "CODE");
        limit.landed(stamp, signal, "p2", FAST, "CODE");
        assertThat(limit.limit()).as("2 of a limit of 256 are tolerated").isEqualTo(256);

        limit.landed(stamp, signal, "p3", FAST, "CODE");

        assertThat(limit.limit()).isEqualTo(ONE_CUT);
        assertThat(cuts).singleElement().satisfies(cut -> {
            assertThat(cut.from()).isEqualTo(256);
            assertThat(cut.to()).isEqualTo(ONE_CUT);
            assertThat(cut.detail()).isEqualTo("CODE");
            assertThat(cut.atFloor()).isFalse();
        });
    }

    @Test
    void shouldCutAtMostOncePerWindowOfCallsInFlightTogether() {
        long before = limit.started();
        for (int i = 0; i < 200; i++) {
            limit.landed(before, LoadSignal.THROTTLED, "p" + i, FAST, "REQUEST_TRAFFIC_EXCEED_LIMIT");
        }
        assertThat(limit.limit()).as("200 throttled calls that were in flight together").isEqualTo(ONE_CUT);

        long after = limit.started();
        limit.landed(after, LoadSignal.TIMEOUT, "late-1", FAST, "TIMEOUT");
        limit.landed(after, LoadSignal.TIMEOUT, "late-2", FAST, "TIMEOUT");
        assertThat(limit.limit()).as("calls started after the cut may cut again").isEqualTo(TWO_CUTS);
        assertThat(cuts).extracting(LimitCut::cause).containsExactly(LimitCut.Cause.THROTTLED, LimitCut.Cause.TIMEOUT);
    }

    @Test
    void shouldGrowByOnePerRoundTripOfSuccesses() {
        int start = cutTo(128);

        int roundTrips = 0;
        while (limit.limit() < 256) {
            succeed(limit.limit());
            roundTrips++;
        }

        assertThat(roundTrips).as("round trips from %d to 256, each the limit's worth of successes", start)
                .isCloseTo(256 - start, org.assertj.core.data.Offset.offset(8));
    }

    @Test
    void shouldNeverGrowBeyondTheMaximum() {
        succeed(10_000);

        assertThat(limit.limit()).isEqualTo(256);
    }

    @Test
    void shouldNotGrowOnSuccessesOfCallsStartedBeforeTheLastCut() {
        long before = limit.started();
        cutTo(ONE_CUT);
        for (int i = 0; i < 1_000; i++) {
            limit.landed(before, LoadSignal.SUCCESS, "p" + i, FAST, "SUCCESS");
        }

        assertThat(limit.limit()).isEqualTo(ONE_CUT);
    }

    @Test
    void shouldNeitherGrowNorCutOnBusinessRefusals() {
        int cut = cutTo(200);
        for (int i = 0; i < 2_000; i++) {
            limit.landed(limit.started(), LoadSignal.BUSINESS_ANSWER, "p" + i, FAST, "PARAM_ILLEGAL");
        }

        assertThat(limit.limit()).isEqualTo(cut);
    }

    @Test
    void shouldIgnoreWhatIsTheBreakersBusiness() {
        for (int i = 0; i < 1_000; i++) {
            limit.landed(limit.started(), LoadSignal.NONE, "p" + i, GUARD.multipliedBy(5), "CONNECTION_ERROR");
        }

        assertThat(limit.limit()).isEqualTo(256);
        assertThat(cuts).isEmpty();
    }

    @Test
    void shouldCountAnAnswerSlowerThanTheLatencyGuardAsLoad() {
        for (int i = 0; i < 100; i++) {
            limit.landed(limit.started(), LoadSignal.SUCCESS, "p", GUARD, "SUCCESS");
        }
        assertThat(cuts).as("at the guard itself: not slow").isEmpty();

        for (int i = 0; i < 3; i++) {
            limit.landed(limit.started(), LoadSignal.SUCCESS, "p", GUARD.plusMillis(1), "SUCCESS");
        }

        assertThat(limit.limit()).isEqualTo(ONE_CUT);
        assertThat(cuts).singleElement().satisfies(cut -> {
            assertThat(cut.cause()).isEqualTo(LimitCut.Cause.SLOW);
            assertThat(cut.detail()).isEqualTo("SUCCESS after 1001 ms (guard 1000 ms)");
        });
    }

    @Test
    void shouldHoldTheLimitUpThroughTheOddTimeoutOfABusyService() {
        for (int round = 0; round < 200; round++) {
            for (int call = 0; call < 256; call++) { // one call in 500 times out
                boolean timeout = (round * 256 + call) % 500 == 0;
                limit.landed(limit.started(), timeout ? LoadSignal.TIMEOUT : LoadSignal.SUCCESS, "p" + call, FAST,
                        timeout ? "TIMEOUT" : "SUCCESS");
            }
        }

        assertThat(cuts).isEmpty();
        assertThat(limit.limit()).isEqualTo(256);
    }

    @Test
    void shouldNeverCutForAFewSickPassesAnsweringUOnEveryTry() {
        for (int round = 0; round < 100; round++) {
            for (int call = 0; call < 256; call++) {
                boolean sick = call < 30; // 30 passes, about 12 % of every round
                limit.landed(limit.started(), sick ? LoadSignal.UNKNOWN_ANSWER : LoadSignal.SUCCESS,
                        sick ? "sick-" + call : "healthy-" + round + "-" + call, FAST, sick ? "UNKNOWN_EXCEPTION" : "SUCCESS");
            }
        }

        assertThat(cuts).isEmpty();
        assertThat(limit.limit()).isEqualTo(256);
    }

    @Test
    void shouldNotCountOneSickPassRetriedOftenAsAWave() {
        for (int call = 0; call < 256; call++) {
            boolean sick = call % 2 == 0;
            limit.landed(limit.started(), sick ? LoadSignal.UNKNOWN_ANSWER : LoadSignal.SUCCESS,
                    sick ? "sick-" + call % 8 : "healthy-" + call, FAST, "X");
        }

        assertThat(cuts).as("half the answers are U, but from 4 passes").isEmpty();
    }

    @Test
    void shouldCutWhenUAnswersComeFromManyPassesAtOnce() {
        for (int call = 0; call < 256; call++) {
            boolean unknown = call % 3 == 0; // a third of a round's answers, each from its own pass
            limit.landed(limit.started(), unknown ? LoadSignal.UNKNOWN_ANSWER : LoadSignal.SUCCESS, "p" + call, FAST,
                    unknown ? "UNKNOWN_EXCEPTION" : "SUCCESS");
        }

        assertThat(cuts).singleElement().satisfies(cut -> {
            assertThat(cut.cause()).isEqualTo(LimitCut.Cause.UNKNOWN_WAVE);
            assertThat(cut.cause().label()).isEqualTo("unknown_exception");
        });
    }

    @Test
    void shouldStopAtTheFloorAndThenLeaveThrottlingToTheBreaker() {
        for (int i = 0; i < 100; i++) {
            limit.landed(limit.started(), LoadSignal.THROTTLED, "p", FAST, "HTTP_429");
        }

        assertThat(limit.limit()).isEqualTo(8);
        assertThat(limit.takesThrottling()).isFalse();
        assertThat(cuts.get(cuts.size() - 1).atFloor()).isTrue();
        assertThat(cuts).as("one report per cut that moved the limit").allMatch(cut -> cut.to() < cut.from());
    }

    @Test
    void shouldRefuseALimitRangeThatMakesNoSense() {
        assertThatThrownBy(() -> new AdaptiveConcurrency(0, 10, GUARD, cut -> { }))
                .hasMessageContaining("min (0)");
        assertThatThrownBy(() -> new AdaptiveConcurrency(20, 10, GUARD, cut -> { }))
                .hasMessageContaining("max (10)");
        assertThatThrownBy(() -> new AdaptiveConcurrency(1, 10, Duration.ZERO, cut -> { }))
                .hasMessageContaining("latency guard");
    }

    /** Cuts until the limit is at most {@code target}, with bursts of timeouts; returns the limit reached. */
    private int cutTo(int target) {
        while (limit.limit() > target) {
            long window = limit.started();
            for (int i = 0; limit.started() == window; i++) {
                limit.landed(window, LoadSignal.TIMEOUT, "p" + i, FAST, "TIMEOUT");
            }
        }
        return limit.limit();
    }

    private void succeed(int calls) {
        for (int i = 0; i < calls; i++) {
            limit.landed(limit.started(), LoadSignal.SUCCESS, "p" + i, FAST, "SUCCESS");
        }
    }
}

package passrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import passrelay.config.BreakerSettings;
import passrelay.testing.ManualClock;

class AlipayBreakerTest {
    private static final Duration ELAPSED = Duration.ofMillis(20);

    private final ManualClock clock = new ManualClock();
    private final List<BreakerTransition> transitions = new ArrayList<>();

    private AlipayBreaker breaker(int rate, int minCalls, int window, Duration maxWait) {
        return new AlipayBreaker(new BreakerSettings(rate, minCalls, window, maxWait), clock, transitions::add);
    }

    private static void hear(AlipayBreaker breaker, String passId, Evidence evidence, String code) {
        breaker.hear(breaker.permit().orElseThrow(), passId, evidence, code, ELAPSED);
    }

    @Test
    void shouldOpenOnEndpointFailuresCountedPerCallAndSayWhy() {
        AlipayBreaker breaker = breaker(50, 4, 10, Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            hear(breaker, "pass-1", Evidence.ENDPOINT_FAILURE, "HTTP_503");
        }
        assertThat(breaker.state()).as("below the minimum number of calls").isEqualTo(BreakerState.CLOSED);

        hear(breaker, "pass-1", Evidence.ENDPOINT_FAILURE, "TIMEOUT");

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(BreakerState.CLOSED);
            assertThat(t.to()).isEqualTo(BreakerState.OPEN);
            assertThat(t.reason()).isEqualTo("4 of 4 calls failed (100 %): HTTP_503 x3, TIMEOUT x1 (threshold 50 %)");
            assertThat(t.nextTrialIn()).contains(Duration.ofSeconds(1));
        });
        assertThat(breaker.notClosedBecause()).hasValueSatisfying(why -> assertThat(why).contains("HTTP_503 x3"));
    }

    @Test
    void shouldNeverOpenForOnePassThatAnswersUnknownOnEveryTry() {
        AlipayBreaker breaker = breaker(50, 4, 10, Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            hear(breaker, "poison", Evidence.EVENT_UNKNOWN, "UNKNOWN_EXCEPTION");
            if (i % 5 == 0) {
                hear(breaker, "healthy-" + i, Evidence.HEALTHY, "SUCCESS");
            }
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(transitions).isEmpty();
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfFailedCalls())
                .as("the poison pass's U answers in the window").isLessThanOrEqualTo(1);
    }

    @Test
    void shouldOpenWhenManyDistinctPassesAnswerUnknown() {
        AlipayBreaker breaker = breaker(50, 10, 10, Duration.ofSeconds(30));
        for (int i = 0; i < 4; i++) {
            hear(breaker, "ok-" + i, Evidence.HEALTHY, "SUCCESS");
        }
        for (int i = 0; i < 6; i++) {
            hear(breaker, "sick-" + i, Evidence.EVENT_UNKNOWN, "UNKNOWN_EXCEPTION");
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions.get(0).reason()).isEqualTo("6 of 10 calls failed (60 %): U answers from 6 passes (threshold 50 %)");
    }

    @Test
    void shouldCountAPassesUnknownAgainOnceTheEarlierOneLeftTheWindow() {
        AlipayBreaker breaker = breaker(100, 4, 4, Duration.ofSeconds(30));
        hear(breaker, "sick", Evidence.EVENT_UNKNOWN, "UNKNOWN_EXCEPTION");
        for (int i = 0; i < 3; i++) {
            hear(breaker, "sick", Evidence.EVENT_UNKNOWN, "UNKNOWN_EXCEPTION");
        }
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfBufferedCalls()).as("calls in the window").isEqualTo(1);

        for (int i = 0; i < 4; i++) {
            hear(breaker, "ok-" + i, Evidence.HEALTHY, "SUCCESS");
        }
        hear(breaker, "sick", Evidence.EVENT_UNKNOWN, "UNKNOWN_EXCEPTION");

        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void shouldRefuseCallsUntilTheOpenWaitIsOverThenLetFiveTrialCallsThrough() {
        AlipayBreaker breaker = opened(Duration.ofSeconds(30));

        clock.advance(Duration.ofMillis(999));
        assertThat(breaker.admitsCalls()).isFalse();
        assertThat(breaker.permit()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.admitsCalls()).isTrue();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        List<Optional<Permit>> permits = new ArrayList<>();
        for (int i = 0; i < AlipayBreaker.TRIAL_CALLS + 1; i++) {
            permits.add(breaker.permit());
        }
        assertThat(permits.subList(0, AlipayBreaker.TRIAL_CALLS)).allSatisfy(p -> assertThat(p)
                .hasValueSatisfying(permit -> assertThat(permit.state()).isEqualTo(BreakerState.HALF_OPEN)));
        assertThat(permits.get(AlipayBreaker.TRIAL_CALLS)).isEmpty();
        assertThat(transitions.get(1).describe()).contains("OPEN -> HALF_OPEN").contains("HTTP_503");
    }

    @Test
    void shouldDoubleTheOpenWaitUpToTheLongestAndStartAgainAfterClosing() {
        AlipayBreaker breaker = opened(Duration.ofMillis(2500));
        List<Duration> waits = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Duration wait = transitions.get(transitions.size() - 1).nextTrialIn().orElseThrow();
            waits.add(wait);
            clock.advance(wait);
            failTrials(breaker);
        }
        waits.add(transitions.get(transitions.size() - 1).nextTrialIn().orElseThrow());
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(2500),
                Duration.ofMillis(2500));

        clock.advance(Duration.ofMillis(2500));
        for (int i = 0; breaker.state() != BreakerState.CLOSED; i++) {
            assertThat(i).as("trial calls before closing").isLessThan(AlipayBreaker.TRIAL_CALLS);
            hear(breaker, "p" + i, Evidence.HEALTHY, "SUCCESS");
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.notClosedBecause()).isEmpty();
        for (int i = 0; breaker.state() == BreakerState.CLOSED; i++) {
            assertThat(i).isLessThan(4);
            hear(breaker, "p", Evidence.ENDPOINT_FAILURE, "HTTP_503");
        }
        assertThat(transitions.get(transitions.size() - 1).nextTrialIn()).as("the first wait again")
                .contains(Duration.ofSeconds(1));
    }

    @Test
    void shouldGiveATrialPermitBackWhenAPassesRepeatedUnknownIsNotCounted() {
        AlipayBreaker breaker = opened(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(1));
        Permit first = breaker.permit().orElseThrow();
        breaker.hear(first, "sick", Evidence.EVENT_UNKNOWN, "UNKNOWN_EXCEPTION", ELAPSED);
        List<Permit> out = new ArrayList<>();
        breaker.permit().ifPresent(out::add);
        breaker.permit().ifPresent(out::add);
        breaker.permit().ifPresent(out::add);
        Permit again = breaker.permit().orElseThrow();
        assertThat(breaker.permit()).as("all five trial permits are out").isEmpty();

        breaker.hear(again, "sick", Evidence.EVENT_UNKNOWN, "UNKNOWN_EXCEPTION", ELAPSED);

        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.permit()).as("the uncounted trial's permit came back").isPresent();
    }

    @Test
    void shouldNotLetOutcomesThatLandWhileOpenDecideAnything() {
        AlipayBreaker breaker = opened(Duration.ofSeconds(30));
        Permit before = new Permit(0, BreakerState.CLOSED);
        for (int i = 0; i < 20; i++) {
            assertThat(breaker.hear(before, "p" + i, Evidence.HEALTHY, "SUCCESS", ELAPSED)).isEqualTo(BreakerState.OPEN);
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(breaker.admitsCalls()).as("the wait did not restart either").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.admitsCalls()).isTrue();
    }

    private AlipayBreaker opened(Duration maxWait) {
        AlipayBreaker breaker = breaker(50, 4, 10, maxWait);
        for (int i = 0; i < 4; i++) {
            hear(breaker, "p" + i, Evidence.ENDPOINT_FAILURE, "HTTP_503");
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        return breaker;
    }

    private static void failTrials(AlipayBreaker breaker) {
        assertThat(breaker.admitsCalls()).isTrue();
        for (int i = 0; i < AlipayBreaker.TRIAL_CALLS && breaker.state() != BreakerState.OPEN; i++) {
            hear(breaker, "p" + i, Evidence.ENDPOINT_FAILURE, "TIMEOUT");
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }
}

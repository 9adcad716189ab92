package passrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import passrelay.alipay.CallOutcome;
import passrelay.config.BreakerSettings;
import passrelay.relay.Decision.ConfigSignal;
import passrelay.testing.ManualClock;

class RelayPolicyTest {
    private static final int MAX_ATTEMPTS = 3;

    private final ManualClock clock = new ManualClock();
    private final List<BreakerTransition> transitions = new ArrayList<>();
    private final AlipayBreaker breaker = new AlipayBreaker(
            new BreakerSettings(50, 4, 10, Duration.ofSeconds(30)), clock, transitions::add);
    private final RelayPolicy policy = new RelayPolicy(MAX_ATTEMPTS, breaker, ConcurrencyLimit.fixed(256));

    static Stream<Arguments> specTable() {
        return Stream.of(
                row(success("SUCCESS"), "finish", ConfigSignal.CONFIRMED),
                row(rejected("PARAM_ILLEGAL"), "finish", ConfigSignal.CONFIRMED),
                row(rejected("USER_NOT_EXIST"), "finish", ConfigSignal.CONFIRMED),
                row(rejected("PASS_HAS_NOT_EXIST"), "finish", ConfigSignal.CONFIRMED),
                row(rejected("PASS_USED_OCCUPIED"), "finish", ConfigSignal.CONFIRMED),
                row(rejected("PASS_HAS_NOT_USED"), "finish", ConfigSignal.CONFIRMED),
                row(rejected("BIZ_NOT_SUPPORT"), "finish", ConfigSignal.CONFIRMED),
                row(rejected("PASS_STATUS_ILLEGAL"), "finish", ConfigSignal.CONFIRMED),
                row(rejected("SOME_NEW_EVENT_CODE"), "finish", ConfigSignal.CONFIRMED),
                row(ourFault("INVALID_SIGNATURE"), "retry", ConfigSignal.REJECTED),
                row(ourFault("KEY_NOT_FOUND"), "retry", ConfigSignal.REJECTED),
                row(ourFault("INVALID_CLIENT"), "retry", ConfigSignal.REJECTED),
                row(ourFault("ACCESS_DENIED"), "retry", ConfigSignal.REJECTED),
                row(ourFault("INVALID_API"), "retry", ConfigSignal.REJECTED),
                row(ourFault("METHOD_NOT_SUPPORTED"), "retry", ConfigSignal.REJECTED),
                row(ourFault("MEDIA_TYPE_NOT_ACCEPTABLE"), "retry", ConfigSignal.REJECTED),
                row(ourFault("HTTP_404"), "retry", ConfigSignal.REJECTED),
                row(answered("UNKNOWN_EXCEPTION"), "retry", ConfigSignal.NONE),
                row(answered("REQUEST_TRAFFIC_EXCEED_LIMIT"), "wait", ConfigSignal.NONE),
                row(answered("SYSTEM_ERROR"), "retry", ConfigSignal.NONE),
                row(endpoint("TIMEOUT", 0), "retry", ConfigSignal.NONE),
                row(endpoint("CONNECTION_ERROR", 0), "retry", ConfigSignal.NONE),
                row(endpoint("HTTP_429", 429), "wait", ConfigSignal.NONE),
                row(endpoint("HTTP_500", 500), "retry", ConfigSignal.NONE),
                row(endpoint("HTTP_503", 503), "retry", ConfigSignal.NONE),
                row(endpoint("UNPARSEABLE_RESPONSE", 200), "retry", ConfigSignal.NONE),
                row(endpoint("UNTRUSTED_RESPONSE", 200), "retry", ConfigSignal.NONE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("specTable")
    void shouldFinishOrRetryEachOutcomeAsTheSpecTableSays(CallOutcome outcome, String next, ConfigSignal config) {
        Decision decision = policy.afterCall(call("UPDATE", 1, EarlierCalls.NONE, closedPermit()), outcome);

        assertThat(decision.config()).isEqualTo(config);
        if (next.equals("finish")) {
            assertThat(decision.next()).isEqualTo(new Decision.Finish(outcome, false, false));
        } else if (next.equals("wait")) {
            assertThat(decision.next()).as("throttling: a retry that never spends an attempt")
                    .isEqualTo(new Decision.Retry(false));
        } else {
            assertThat(decision.next()).as("a retry that spends an attempt while the breaker is closed")
                    .isEqualTo(new Decision.Retry(true));
        }
    }

    @Test
    void shouldEndAnUnknownAsUWithADeadLetterOnceTheBudgetIsSpent() {
        CallOutcome answer = answered("UNKNOWN_EXCEPTION");
        CallOutcome timeout = endpoint("TIMEOUT", 0);

        assertThat(policy.afterCall(call("USED", MAX_ATTEMPTS, EarlierCalls.ENDED_UNKNOWN, closedPermit()), answer).next())
                .isEqualTo(new Decision.Finish(answer, false, true));
        assertThat(policy.afterCall(call("USED", MAX_ATTEMPTS, EarlierCalls.ENDED_UNKNOWN, closedPermit()), timeout).next())
                .isEqualTo(new Decision.Finish(timeout, false, true));
        Decision.Finish finish = (Decision.Finish) policy.afterCall(call("USED", MAX_ATTEMPTS, EarlierCalls.ENDED_UNKNOWN, closedPermit()),
                ourFault("INVALID_SIGNATURE")).next();
        assertThat(finish.resultStatus()).as("our fault never ends as a final F").isEqualTo("U");
        assertThat(finish.deadLetter()).isTrue();
    }

    @Test
    void shouldGiveBackTheAttemptOfTheEndpointFailureThatOpensTheBreaker() {
        for (int i = 0; i < 3; i++) {
            assertThat(policy.afterCall(call("UPDATE", 1, EarlierCalls.NONE, closedPermit()), endpoint("HTTP_503", 503)).next())
                    .isEqualTo(new Decision.Retry(true));
        }
        Decision opening = policy.afterCall(call("UPDATE", MAX_ATTEMPTS, EarlierCalls.NONE, closedPermit()), endpoint("HTTP_503", 503));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(opening.next()).as("even with the budget spent").isEqualTo(new Decision.Retry(false));
    }

    @Test
    void shouldGiveBackEndpointFailuresThatLandWhileOpenOrComeBackFromTrialCalls() {
        Permit startedClosed = closedPermit();
        openTheBreaker();
        assertThat(policy.afterCall(call("UPDATE", MAX_ATTEMPTS, EarlierCalls.NONE, startedClosed), endpoint("TIMEOUT", 0)).next())
                .as("in flight when it opened").isEqualTo(new Decision.Retry(false));

        clock.advance(Duration.ofSeconds(1));
        Permit trial = breaker.permit().orElseThrow();
        assertThat(trial.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(policy.afterCall(call("UPDATE", MAX_ATTEMPTS, EarlierCalls.NONE, trial), endpoint("CONNECTION_ERROR", 0)).next())
                .as("a failed trial call").isEqualTo(new Decision.Retry(false));
    }

    @Test
    void shouldGiveBackATrialCallsEndpointFailureEvenWhenTheOtherTrialsCloseTheBreaker() {
        openTheBreaker();
        clock.advance(Duration.ofSeconds(1));
        Permit failingTrial = breaker.permit().orElseThrow();
        for (int i = 0; i < 4 && breaker.state() != BreakerState.CLOSED; i++) {
            policy.afterCall(call("UPDATE", 1, EarlierCalls.NONE, breaker.permit().orElseThrow()), success("SUCCESS"));
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);

        assertThat(policy.afterCall(call("UPDATE", MAX_ATTEMPTS, EarlierCalls.NONE, failingTrial), endpoint("HTTP_502", 502)).next())
                .isEqualTo(new Decision.Retry(false));
    }

    @Test
    void shouldSpendAnAttemptOnEveryUAnswerWhateverTheBreakersState() {
        Permit startedClosed = closedPermit();
        openTheBreaker();
        CallOutcome answer = answered("UNKNOWN_EXCEPTION");

        assertThat(policy.afterCall(call("UPDATE", 1, EarlierCalls.NONE, startedClosed), answer).next())
                .as("landing while open").isEqualTo(new Decision.Retry(true));
        assertThat(policy.afterCall(call("UPDATE", MAX_ATTEMPTS, EarlierCalls.NONE, startedClosed), answer).next())
                .as("the budget is spent while open").isEqualTo(new Decision.Finish(answer, false, true));

        clock.advance(Duration.ofSeconds(1));
        Permit trial = breaker.permit().orElseThrow();
        assertThat(policy.afterCall(call("UPDATE", MAX_ATTEMPTS, EarlierCalls.NONE, trial), answer).next())
                .as("a trial call answered U").isEqualTo(new Decision.Finish(answer, false, true));
    }

    @Test
    void shouldReconcileAUsedThatFindsThePassUsedAfterACallThatMayHaveTakenEffect() {
        CallOutcome occupied = rejected("PASS_USED_OCCUPIED");

        Decision.Finish reconciled = (Decision.Finish) policy.afterCall(
                call("USED", 2, EarlierCalls.ENDED_UNKNOWN, closedPermit()), occupied).next();
        assertThat(reconciled).isEqualTo(new Decision.Finish(occupied, true, false));
        assertThat(reconciled.resultStatus()).isEqualTo("S");
        assertThat(reconciled.outcome().resultCode()).as("the code is kept").isEqualTo("PASS_USED_OCCUPIED");
        assertThat(reconciles("USED", EarlierCalls.NONE, "PASS_USED_OCCUPIED"))
                .as("no earlier call: a second USED is the publisher's").isFalse();
    }

    @ParameterizedTest(name = "{0} answered {2} after {1}: reconciled {3}")
    @CsvSource({
            // an update meeting its own earlier effect, after a call of ours that ended unknown
            "USED,   ENDED_UNKNOWN,         PASS_USED_OCCUPIED,  true",
            "CLOSED, ENDED_UNKNOWN,         PASS_STATUS_ILLEGAL, true",
            "REFUND, ENDED_UNKNOWN,         PASS_STATUS_ILLEGAL, true",
            // not its own effect: the lane held later updates back, so the pass was like this before
            "UPDATE, ENDED_UNKNOWN,         PASS_STATUS_ILLEGAL, false",
            "USED,   ENDED_UNKNOWN,         PASS_STATUS_ILLEGAL, false",
            "CLOSED, ENDED_UNKNOWN,         PASS_USED_OCCUPIED,  false",
            // an earlier owner may have sent it, and gone on to later updates of the pass
            "UPDATE, SENT_BY_EARLIER_OWNER, PASS_STATUS_ILLEGAL, true",
            "USED,   SENT_BY_EARLIER_OWNER, PASS_STATUS_ILLEGAL, true",
            "USED,   SENT_BY_EARLIER_OWNER, PASS_USED_OCCUPIED,  true",
            "CLOSED, SENT_BY_EARLIER_OWNER, PASS_STATUS_ILLEGAL, true",
            // refusals about the event itself are never explained by earlier calls
            "UPDATE, SENT_BY_EARLIER_OWNER, PARAM_ILLEGAL,       false",
            "USED,   SENT_BY_EARLIER_OWNER, PASS_HAS_NOT_EXIST,  false",
            "CLOSED, NONE,                  PASS_STATUS_ILLEGAL, false"})
    void shouldReconcileExactlyThePassStateRefusalsThatEarlierCallsExplain(String status, EarlierCalls earlier,
                                                                          String code, boolean reconciled) {
        assertThat(reconciles(status, earlier, code)).isEqualTo(reconciled);
    }

    private boolean reconciles(String status, EarlierCalls earlier, String code) {
        Decision.Finish finish = (Decision.Finish) policy.afterCall(call(status, 1, earlier, closedPermit()),
                rejected(code)).next();
        assertThat(finish.deadLetter()).isFalse();
        return finish.reconciled();
    }

    @Test
    void shouldKeepTheBreakerClosedWhileAFewPassesAnswerUOnEveryTry() {
        AlipayBreaker defaults = new AlipayBreaker(new BreakerSettings(50, 20, 100, Duration.ofSeconds(30)), clock,
                transitions::add);
        RelayPolicy withDefaults = new RelayPolicy(MAX_ATTEMPTS, defaults, ConcurrencyLimit.fixed(256));
        for (int round = 0; round < 50; round++) {
            for (int pass = 0; pass < 300; pass++) {
                CallOutcome outcome = pass % 10 == 0 ? answered("UNKNOWN_EXCEPTION") : success("SUCCESS");
                withDefaults.afterCall(call("pass-" + pass, "UPDATE", 1, EarlierCalls.NONE, defaults.permit().orElseThrow()), outcome);
            }
        }
        for (int retry = 0; retry < 1000; retry++) {
            withDefaults.afterCall(call("pass-" + retry % 30 * 10, "UPDATE", 1, EarlierCalls.NONE, defaults.permit().orElseThrow()),
                    answered("UNKNOWN_EXCEPTION"));
        }

        assertThat(transitions).as("10 % of passes answering U, then only their retries").isEmpty();
    }

    @Test
    void shouldOpenTheBreakerWhenMostPassesAnswerU() {
        for (int pass = 0; pass < 30 && breaker.state() == BreakerState.CLOSED; pass++) {
            CallOutcome outcome = pass % 5 == 0 ? success("SUCCESS") : answered("UNKNOWN_EXCEPTION");
            policy.afterCall(call("pass-" + pass, "UPDATE", 1, EarlierCalls.NONE, breaker.permit().orElseThrow()), outcome);
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions.get(0).reason()).contains("U answers from");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throttledAnswers")
    void shouldRetryThrottlingWithoutSpendingTheBudgetEvenWhenItIsSpent(CallOutcome throttled) {
        assertThat(policy.afterCall(call("UPDATE", MAX_ATTEMPTS, EarlierCalls.ENDED_UNKNOWN, closedPermit()), throttled)
                .next()).isEqualTo(new Decision.Retry(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throttledAnswers")
    void shouldLeaveThrottlingToAnAdaptiveLimitThatCanStillGoDown(CallOutcome throttled) {
        AdaptiveConcurrency limit = new AdaptiveConcurrency(8, 256, Duration.ofSeconds(4), cut -> { });
        RelayPolicy adaptive = new RelayPolicy(MAX_ATTEMPTS, breaker, limit);
        long startedTogether = limit.started();
        for (int i = 0; i < 100; i++) {
            adaptive.afterCall(call("pass-" + i, "UPDATE", 1, EarlierCalls.NONE, closedPermit(), startedTogether),
                    throttled);
        }

        assertThat(transitions).as("100 throttled calls in a row, the limit still above its floor").isEmpty();
        assertThat(limit.limit()).as("cut once: they were in flight together")
                .isEqualTo((int) (256 * AdaptiveConcurrency.KEEP_ON_CUT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throttledAnswers")
    void shouldCountThrottlingPerCallForTheBreakerOnceTheLimitIsAtItsFloor(CallOutcome throttled) {
        AdaptiveConcurrency limit = new AdaptiveConcurrency(8, 9, Duration.ofSeconds(4), cut -> { });
        RelayPolicy adaptive = new RelayPolicy(MAX_ATTEMPTS, breaker, limit);
        for (int i = 0; i < 6 && breaker.state() == BreakerState.CLOSED; i++) {
            adaptive.afterCall(call("pass-1", "UPDATE", 1, EarlierCalls.NONE, closedPermit(), limit.started()), throttled);
        }

        assertThat(limit.takesThrottling()).isFalse();
        assertThat(breaker.state()).as("one pass's throttled calls, each counted: AlipayHK's evidence, not the pass's")
                .isEqualTo(BreakerState.OPEN);
        assertThat(transitions.get(0).reason()).contains(throttled.resultCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throttledAnswers")
    void shouldCountThrottlingPerCallForTheBreakerWithAFixedLimit(CallOutcome throttled) {
        for (int i = 0; i < 4; i++) {
            policy.afterCall(call("pass-1", "UPDATE", 1, EarlierCalls.NONE, closedPermit()), throttled);
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void shouldGiveATrialPermitBackWhenTheLimitTakesTheThrottling() {
        openTheBreaker();
        clock.advance(Duration.ofSeconds(1));
        AdaptiveConcurrency limit = new AdaptiveConcurrency(8, 256, Duration.ofSeconds(4), cut -> { });
        RelayPolicy adaptive = new RelayPolicy(MAX_ATTEMPTS, breaker, limit);
        long stamp = limit.started();
        for (int i = 0; i < 20; i++) {
            adaptive.afterCall(call("pass-" + i, "UPDATE", 1, EarlierCalls.NONE, breaker.permit().orElseThrow(), stamp),
                    answered("REQUEST_TRAFFIC_EXCEED_LIMIT"));
        }

        assertThat(breaker.state()).as("throttled trials neither close nor open it").isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.permit()).as("their permits went back").isPresent();
    }

    static Stream<CallOutcome> throttledAnswers() {
        return Stream.of(answered("REQUEST_TRAFFIC_EXCEED_LIMIT"), endpoint("HTTP_429", 429),
                new CallOutcome.Unknown("REQUEST_TRAFFIC_EXCEED_LIMIT", "limit", Optional.empty(), 429, Optional.empty(),
                        false));
    }

    private void openTheBreaker() {
        for (int i = 0; i < 4; i++) {
            policy.afterCall(call("UPDATE", 1, EarlierCalls.NONE, closedPermit()), endpoint("HTTP_503", 503));
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    private Permit closedPermit() {
        return breaker.permit().orElseThrow();
    }

    private static CallFacts call(String status, int attempts, EarlierCalls earlier, Permit permit) {
        return call("pass-1", status, attempts, earlier, permit);
    }

    private static CallFacts call(String passId, String status, int attempts, EarlierCalls earlier, Permit permit) {
        return call(passId, status, attempts, earlier, permit, 0);
    }

    private static CallFacts call(String passId, String status, int attempts, EarlierCalls earlier, Permit permit,
                                  long limitStamp) {
        return new CallFacts(passId, status, attempts, earlier, permit, Duration.ofMillis(15), limitStamp);
    }

    private static Arguments row(CallOutcome outcome, String next, ConfigSignal config) {
        return Arguments.of(outcome, next, config);
    }

    static CallOutcome success(String code) {
        return new CallOutcome.Success(code, "Success", Optional.empty(), 200);
    }

    static CallOutcome rejected(String code) {
        return new CallOutcome.Rejected(code, "rejected", Optional.empty(), 200);
    }

    static CallOutcome ourFault(String code) {
        return new CallOutcome.Misconfigured(code, "our fault", Optional.empty(), 200);
    }

    static CallOutcome answered(String code) {
        return new CallOutcome.Unknown(code, "unknown", Optional.empty(), 200, Optional.empty(), true);
    }

    static CallOutcome endpoint(String code, int httpStatus) {
        return new CallOutcome.Unknown(code, "failed", Optional.empty(), httpStatus, Optional.empty(), false);
    }
}

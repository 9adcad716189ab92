package passrelay.relay;

import java.util.Map;
import passrelay.alipay.CallOutcome;

/**
 * What follows a call (SPEC section 4), decided without I/O: finish or retry, spend or give back an
 * attempt, reconcile, dead-letter, and what the circuit breaker hears.
 *
 * <p>Budgets: a {@code U} answer about the event always spends an attempt, whatever the breaker's
 * state, so a pass that answers {@code U} forever still reaches the dead-letter topic. An endpoint
 * failure spends one only when the call started and ended with the breaker closed: failures that open
 * the breaker, land while it is open, or come back from half-open trials are given back, so an outage
 * of any length dead-letters nothing. Throttling (HTTP 429, {@code REQUEST_TRAFFIC_EXCEED_LIMIT}) never spends
 * one: AlipayHK asked us to wait, it did not fail the event.
 *
 * <p>The concurrency limit hears every call ({@link LoadSignal}); the breaker hears every call but throttling
 * that the limit still takes ({@link ConcurrencyLimit#takesThrottling}): throttling is answered by sending less,
 * and only a limit at its floor leaves it to the breaker.
 */
public final class RelayPolicy {
    static final String PASS_USED_OCCUPIED = "PASS_USED_OCCUPIED";
    static final String PASS_STATUS_ILLEGAL = "PASS_STATUS_ILLEGAL";
    /** What AlipayHK answers when an update meets its own earlier effect: a USED twice, anything after CLOSED or REFUND. */
    private static final Map<String, String> OWN_EFFECT = Map.of("USED", PASS_USED_OCCUPIED,
            "CLOSED", PASS_STATUS_ILLEGAL, "REFUND", PASS_STATUS_ILLEGAL);

    private final int maxAttempts;
    private final AlipayBreaker breaker;
    private final ConcurrencyLimit limit;

    public RelayPolicy(int maxAttempts, AlipayBreaker breaker, ConcurrencyLimit limit) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.breaker = breaker;
        this.limit = limit;
    }

    /** Tells the breaker and the concurrency limit what the call came to, then decides what follows. */
    public Decision afterCall(CallFacts call, CallOutcome outcome) {
        Evidence evidence = Evidence.of(outcome);
        BreakerState after = evidence == Evidence.THROTTLED && limit.takesThrottling()
                ? breaker.pass(call.permit())
                : breaker.hear(call.permit(), call.passId(), evidence, outcome.resultCode(), call.elapsed());
        limit.landed(call.limitStamp(), LoadSignal.of(outcome), call.passId(), call.elapsed(), outcome.resultCode());
        return new Decision(next(call, outcome, evidence, after), configSignal(outcome));
    }

    private Decision.Next next(CallFacts call, CallOutcome outcome, Evidence evidence, BreakerState after) {
        if (!outcome.retryable()) {
            return new Decision.Finish(outcome, reconciles(call, outcome), false);
        }
        if (evidence == Evidence.THROTTLED) {
            return new Decision.Retry(false);
        }
        boolean spend = evidence == Evidence.EVENT_UNKNOWN
                || call.permit().state() == BreakerState.CLOSED && after == BreakerState.CLOSED;
        if (spend && call.attempts() >= maxAttempts) {
            return new Decision.Finish(outcome, false, true);
        }
        return new Decision.Retry(spend);
    }

    /**
     * A pass-state refusal explained by what earlier calls did ends S, reconciled: an update that meets its own
     * earlier effect (a USED finding the pass used, a CLOSED or REFUND finding it closed) after any call that may
     * have been applied; and, after an earlier owner may have sent it, any pass-state refusal, since that owner
     * went on to later updates of the pass (a USED, a CLOSED) only after this one was answered.
     */
    private static boolean reconciles(CallFacts call, CallOutcome outcome) {
        if (!(outcome instanceof CallOutcome.Rejected)) {
            return false;
        }
        String code = outcome.resultCode();
        boolean ownEffect = code.equals(OWN_EFFECT.get(call.status()));
        return switch (call.earlier()) {
            case NONE -> false;
            case ENDED_UNKNOWN -> ownEffect;
            case SENT_BY_EARLIER_OWNER -> ownEffect || code.equals(PASS_USED_OCCUPIED) || code.equals(PASS_STATUS_ILLEGAL);
        };
    }

    private static Decision.ConfigSignal configSignal(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Misconfigured) {
            return Decision.ConfigSignal.REJECTED;
        }
        return outcome.retryable() ? Decision.ConfigSignal.NONE : Decision.ConfigSignal.CONFIRMED;
    }
}

package passrelay.relay;

import passrelay.alipay.CallOutcome;

/**
 * What follows a call (SPEC section 4), decided without I/O: finish or retry, spend or give back an
 * attempt, reconcile, dead-letter, and what the circuit breaker hears.
 *
 * <p>Budgets: a {@code U} answer about the event always spends an attempt, whatever the breaker's
 * state, so a pass that answers {@code U} forever still reaches the dead-letter topic. An endpoint
 * failure spends one only when the call started and ended with the breaker closed: failures that open
 * the breaker, land while it is open, or come back from half-open trials are given back, so an outage
 * of any length dead-letters nothing.
 */
public final class RelayPolicy {
    static final String PASS_USED_OCCUPIED = "PASS_USED_OCCUPIED";

    private final int maxAttempts;
    private final AlipayBreaker breaker;

    public RelayPolicy(int maxAttempts, AlipayBreaker breaker) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.breaker = breaker;
    }

    /** Tells the breaker what the call came to, then decides what follows. */
    public Decision afterCall(CallFacts call, CallOutcome outcome) {
        Evidence evidence = Evidence.of(outcome);
        BreakerState after = breaker.hear(call.permit(), call.passId(), evidence, outcome.resultCode(), call.elapsed());
        return new Decision(next(call, outcome, evidence, after), configSignal(outcome));
    }

    private Decision.Next next(CallFacts call, CallOutcome outcome, Evidence evidence, BreakerState after) {
        if (!outcome.retryable()) {
            return new Decision.Finish(outcome, reconciles(call, outcome), false);
        }
        boolean spend = evidence == Evidence.EVENT_UNKNOWN
                || call.permit().state() == BreakerState.CLOSED && after == BreakerState.CLOSED;
        if (spend && call.attempts() >= maxAttempts) {
            return new Decision.Finish(outcome, false, true);
        }
        return new Decision.Retry(spend);
    }

    /** A USED that answers PASS_USED_OCCUPIED after a call that may have taken effect: that call did. */
    private static boolean reconciles(CallFacts call, CallOutcome outcome) {
        return outcome instanceof CallOutcome.Rejected
                && PASS_USED_OCCUPIED.equals(outcome.resultCode())
                && "USED".equals(call.status())
                && call.mayHaveTakenEffect();
    }

    private static Decision.ConfigSignal configSignal(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Misconfigured) {
            return Decision.ConfigSignal.REJECTED;
        }
        return outcome.retryable() ? Decision.ConfigSignal.NONE : Decision.ConfigSignal.CONFIRMED;
    }
}

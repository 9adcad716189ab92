package passrelay.relay;

import passrelay.alipay.CallOutcome;

/** What one call's outcome tells the circuit breaker about AlipayHK (SPEC section 4). */
public enum Evidence {
    /** {@code S} or a final {@code F}: AlipayHK works. */
    HEALTHY,
    /**
     * A timeout, a connection error, HTTP 429/5xx, an unparseable or untrusted response, an our-fault
     * answer: AlipayHK (or our way to it) is failing. Counted per call.
     */
    ENDPOINT_FAILURE,
    /**
     * A well-formed {@code U} answer: about that one event. Counted at most once per pass in the
     * window, so a few passes that answer {@code U} on every try cannot open the breaker.
     */
    EVENT_UNKNOWN,
    /**
     * HTTP 429 or {@code REQUEST_TRAFFIC_EXCEED_LIMIT}: AlipayHK works and asks us to slow down; never about a pass.
     * While an adaptive concurrency limit can still go down it is the limit's to answer and the breaker does not
     * hear it; otherwise it is counted per call, like an endpoint failure.
     */
    THROTTLED;

    public static Evidence of(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Success || outcome instanceof CallOutcome.Rejected) {
            return HEALTHY;
        }
        if (outcome instanceof CallOutcome.Unknown unknown) {
            if (unknown.throttled()) {
                return THROTTLED;
            }
            return unknown.answered() ? EVENT_UNKNOWN : ENDPOINT_FAILURE;
        }
        return ENDPOINT_FAILURE;
    }

    boolean failure() {
        return this != HEALTHY;
    }
}

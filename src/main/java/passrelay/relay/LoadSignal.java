package passrelay.relay;

import passrelay.alipay.CallOutcome;

/**
 * What one call's outcome tells the concurrency limit about AlipayHK's load. Only {@code S} grows the limit;
 * a timeout, throttling and a server error cut it; a {@code U} answer is about its event and cuts only as part of
 * a wave from many passes; a business {@code F} does neither. Everything else (connection errors, untrusted or
 * unparseable answers, our-fault answers) is the circuit breaker's business, not the limit's.
 */
public enum LoadSignal {
    /** {@code S}: AlipayHK kept up. */
    SUCCESS(true),
    /** A final {@code F} about the event: an answer, so its latency counts, but it says nothing about load. */
    BUSINESS_ANSWER(true),
    /** A well-formed {@code U} answer ({@code UNKNOWN_EXCEPTION}, ...): load only when many passes say it at once. */
    UNKNOWN_ANSWER(true),
    /** HTTP 429 or {@code REQUEST_TRAFFIC_EXCEED_LIMIT}: AlipayHK asks us to slow down. */
    THROTTLED(false),
    /** No answer before {@code ALIPAYHK_TIMEOUT_MS}. */
    TIMEOUT(false),
    /** HTTP 5xx. */
    SERVER_ERROR(false),
    /** Nothing about load. */
    NONE(false);

    private final boolean answer;

    LoadSignal(boolean answer) {
        this.answer = answer;
    }

    /** True for answers about the event (S, F, U): their latency is AlipayHK's processing time. */
    boolean answer() {
        return answer;
    }

    public static LoadSignal of(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Success) {
            return SUCCESS;
        }
        if (outcome instanceof CallOutcome.Rejected) {
            return BUSINESS_ANSWER;
        }
        if (!(outcome instanceof CallOutcome.Unknown unknown)) {
            return NONE;
        }
        if (unknown.throttled()) {
            return THROTTLED;
        }
        if (unknown.timedOut()) {
            return TIMEOUT;
        }
        if (unknown.httpStatus() / 100 == 5) {
            return SERVER_ERROR;
        }
        return unknown.answered() ? UNKNOWN_ANSWER : NONE;
    }
}

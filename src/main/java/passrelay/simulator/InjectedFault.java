package passrelay.simulator;

/** Why a request was not answered by normal processing. */
public enum InjectedFault {
    /** An outage window: HTTP 503. */
    OUTAGE,
    /** Held without an answer until the client gave up. */
    TIMEOUT,
    /** HTTP 500 or 503 with an HTML body. */
    HTTP_5XX,
    /** HTTP 429 with U {@code REQUEST_TRAFFIC_EXCEED_LIMIT}. */
    RATE_LIMIT,
    /** The throttle mode: U {@code REQUEST_TRAFFIC_EXCEED_LIMIT} at once, HTTP 200, the update not applied. */
    THROTTLED,
    /** U {@code UNKNOWN_EXCEPTION}, the update not applied. */
    UNKNOWN_RESULT,
    /** A sick pass ({@link SickPasses}): U {@code UNKNOWN_EXCEPTION}, the update not applied. */
    SICK_PASS,
    /** A forged S SUCCESS, signed genuinely over another body ({@link ForgeKind#COPIED_SIGNATURE}); not applied. */
    FORGED_SIGNATURE,
    /** A forged S SUCCESS, signed genuinely with a stale Response-Time ({@link ForgeKind#STALE_TIME}); not applied. */
    STALE_RESPONSE_TIME,
    /** A {@link ScriptedResponse} for the pass. */
    SCRIPTED
}

package passrelay.event;

/** Why a record went to the DLT (header {@code passrelay.dlt.reason}). */
public enum DeadLetterReason {
    /** The retry budget ran out without a final answer from AlipayHK; a results record U was written too. */
    UNKNOWN_RESULT,
    /** The value is no usable event (SPEC section 2); nothing was called, no results record was written. */
    MALFORMED_EVENT
}

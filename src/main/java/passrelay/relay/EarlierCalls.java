package passrelay.relay;

/** What earlier calls of an event may have done at AlipayHK, which decides what a pass-state answer means. */
public enum EarlierCalls {
    /** None could have been applied: the answer is about this call alone. */
    NONE,
    /** One of this worker's calls ended unknown (a U, a timeout): AlipayHK may have applied it. */
    ENDED_UNKNOWN,
    /**
     * An earlier owner of the partition may have sent it before a crash or a rebalance: it may have been applied,
     * and so may later updates of its pass, which that owner started only once this one had its answer.
     */
    SENT_BY_EARLIER_OWNER
}

package passrelay.dispatch;

/** Where a job stands in its lane. Only the lane head is ever past {@link #QUEUED}. */
enum JobState {
    /** Behind another job of its lane. */
    QUEUED,
    /** Lane head in the ready queue: may be started now. */
    READY,
    /** Handed out by start; its call is running. */
    IN_FLIGHT,
    /** Lane head whose last call ended retryable; holds its lane until its due time. */
    WAITING_RETRY,
    /** Final outcome known; its lane has moved on. */
    FINISHED
}

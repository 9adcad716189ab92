package passrelay.dispatch;

import java.time.Instant;
import java.util.Objects;

/**
 * One record being dispatched. {@code T} is the payload (the decoded event), opaque to the dispatcher.
 * Its mutable state is changed only by the {@link Dispatcher} that accepted it, on the event-loop thread.
 */
public final class Job<T> {

    private final SourcePartition partition;
    private final long offset;
    private final String passId;
    private final T payload;
    private final Instant receivedAt;
    private final long epoch;
    private final boolean possibleResend;
    private PassLane<T> lane;
    private JobState state = JobState.QUEUED;
    private int attempts;
    private int calls;
    private boolean hadRetryableFailure;

    Job(SourcePartition partition, long offset, String passId, T payload, Instant receivedAt, long epoch,
        boolean possibleResend) {
        this.partition = Objects.requireNonNull(partition, "partition");
        this.offset = offset;
        this.passId = Objects.requireNonNull(passId, "passId");
        this.payload = payload;
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.epoch = epoch;
        this.possibleResend = possibleResend;
    }

    public SourcePartition partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** The passId naming this job's lane within its partition. */
    public String laneKey() {
        return passId;
    }

    public T payload() {
        return payload;
    }

    /** Calls counted against the retry budget: calls started, refunded ones excluded. */
    public int attempts() {
        return attempts;
    }

    /** Every call started, refunded ones included: what the results and dead-letter records report. */
    public int calls() {
        return calls;
    }

    /** True once a call ended retryable, i.e. an earlier call may have taken effect. */
    public boolean hadRetryableFailure() {
        return hadRetryableFailure;
    }

    /**
     * True when the partition's previous owner may already have sent this record (it started calls up to or
     * past it, and did not publish its outcome): a first call may meet the effect of an earlier one.
     */
    public boolean possibleResend() {
        return possibleResend;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    long epoch() {
        return epoch;
    }

    PassLane<T> lane() {
        return lane;
    }

    void joinLane(PassLane<T> lane) {
        this.lane = lane;
    }

    JobState state() {
        return state;
    }

    void moveTo(JobState next) {
        this.state = next;
    }

    void countAttempt() {
        attempts++;
        calls++;
    }

    void refundAttempt() {
        attempts = Math.max(0, attempts - 1);
    }

    void markRetryableFailure() {
        hadRetryableFailure = true;
    }

    /** Names the record, never the payload: payloads are customer data. */
    @Override
    public String toString() {
        return "Job[" + partition + "@" + offset + ", attempts=" + attempts + ", " + state
                + (possibleResend ? ", possible re-send]" : "]");
    }
}

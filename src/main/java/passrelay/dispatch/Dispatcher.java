package passrelay.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * The worker's scheduling engine: orders calls per pass, schedules retries, and tracks which offsets may be
 * committed. "What may run now" lives in {@link LaneScheduler}, "what may be committed" in one
 * {@link OffsetWatermark} per assigned partition; a job's outcome feeds both ({@link #finish} releases its
 * lane, {@link #published} completes its offset).
 *
 * <p><b>Resuming.</b> A commit carries {@link ResumeMarks} in its metadata ({@link #commitPoint}): the finished
 * records above the committed offset and how far calls got. The next owner assigns the partition with them and
 * asks {@link #skipIfFinished} about every record it reads, so a finished record is neither called nor
 * published twice, and a record that may have been sent already is accepted as a {@link Job#possibleResend}.
 *
 * <p><b>Single-threaded by contract.</b> The Kafka event loop is the only caller, from one thread, so there
 * are no locks; calling from two threads corrupts it. Every assignment of a partition starts a new epoch:
 * jobs of an earlier epoch are stale, and reports about them are ignored.
 */
public final class Dispatcher<T> implements PassLanes<T>, PartitionLedger {

    private final DispatchLimits limits;
    private final Clock clock;
    private final Backoff backoff;
    private final LaneScheduler<T> scheduler;
    private final Backpressure backpressure;
    private final Map<SourcePartition, PartitionEpoch> assigned = new LinkedHashMap<>();
    private long lastEpoch;
    private int buffered;

    public Dispatcher(DispatchLimits limits, Clock clock, RandomGenerator random) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(limits.initialBackoff(), limits.maxBackoff(), Objects.requireNonNull(random, "random"));
        this.scheduler = new LaneScheduler<>(limits.maxInFlight());
        this.backpressure = new Backpressure(limits.maxBuffered());
    }

    /** The partition is now ours, starting a new epoch; assigning an assigned partition changes nothing. */
    @Override
    public void assign(SourcePartition partition) {
        assign(partition, ResumeMarks.NONE);
    }

    /**
     * Like {@link #assign(SourcePartition)}, resuming from what the previous owner left in its commit's metadata
     * (see {@link ResumeMarksCodec#decode}). The marks of an already assigned partition are ignored.
     */
    @Override
    public void assign(SourcePartition partition, ResumeMarks marks) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(marks, "marks");
        if (!assigned.containsKey(partition)) {
            assigned.put(partition, new PartitionEpoch(++lastEpoch, marks));
        }
    }

    @Override
    public void claim(SourcePartition partition, long from, long upTo) {
        PartitionEpoch assignment = assigned.get(partition);
        if (assignment != null) {
            assignment.claim(from, upTo);
        }
    }

    /**
     * Stops starting jobs of the partition — it is about to be handed back — while its in-flight jobs
     * finish and publish; {@link #revoke} follows.
     */
    @Override
    public void hold(SourcePartition partition) {
        if (assigned.containsKey(partition)) {
            scheduler.hold(partition);
        }
    }

    /**
     * Drops the partition's queued jobs and watermark. Its in-flight jobs become stale and stop counting against
     * maxInFlight at once, so reports about them may be ignored or never come without leaking a slot.
     */
    @Override
    public void revoke(SourcePartition partition) {
        PartitionEpoch assignment = assigned.remove(partition);
        if (assignment != null) {
            buffered -= assignment.watermark().pendingCount();
            scheduler.dropPartition(partition);
            backpressure.forget(partition);
        }
    }

    /**
     * The first call for every record read: true when the partition's previous owner already published its
     * outcome. The record is then done — committed past like a published one — and must be neither accepted,
     * called, nor published again. False: go on to {@link #accept} or {@link #acceptSettled}. Offsets must
     * increase per partition, skipped ones included.
     */
    @Override
    public boolean skipIfFinished(SourcePartition partition, long offset) {
        return requireAssigned(partition).skipIfFinished(offset);
    }

    /**
     * Queues a record in its pass's lane and marks its offset pending. Offsets must increase per partition.
     * Ask {@link #skipIfFinished} first: a finished record accepted anyway is simply done again.
     */
    @Override
    public Job<T> accept(SourcePartition partition, long offset, String passId, T payload) {
        PartitionEpoch assignment = requireAssigned(partition);
        Instant receivedAt = clock.instant();
        Job<T> job = new Job<>(partition, offset, passId, payload, receivedAt, assignment.epoch(),
                assignment.mayHaveBeenSent(offset));
        assignment.watermark().add(offset, receivedAt.toEpochMilli());
        buffered++;
        scheduler.enqueue(job);
        return job;
    }

    /** Marks an offset pending that needs no call (e.g. a malformed record being dead-lettered). */
    @Override
    public Settled acceptSettled(SourcePartition partition, long offset) {
        PartitionEpoch assignment = requireAssigned(partition);
        assignment.watermark().add(offset, clock.millis());
        buffered++;
        return new Settled(partition, offset, assignment.epoch());
    }

    /** Like {@link #published(SourcePartition, long)} for a settled record, but ignored once its epoch is over. */
    @Override
    public boolean published(Settled settled) {
        return isCurrent(settled) && published(settled.partition(), settled.offset());
    }

    /** False once the settled record's partition was revoked (or revoked and reassigned). */
    @Override
    public boolean isCurrent(Settled settled) {
        PartitionEpoch assignment = assigned.get(settled.partition());
        return assignment != null && assignment.epoch() == settled.epoch();
    }

    /**
     * Hands out the jobs that may be called now, marked in flight with one more attempt: ready lane heads
     * in the order they became ready, until {@code maxInFlight} is reached or {@code permit} (asked once per
     * job, just before it would start) answers false.
     */
    public List<Job<T>> start(BooleanSupplier permit) {
        return start(limits.maxInFlight(), permit);
    }

    /** Like {@link #start(BooleanSupplier)}, while fewer than {@code limit} calls (at most maxInFlight) are in flight. */
    @Override
    public List<Job<T>> start(int limit, BooleanSupplier permit) {
        List<Job<T>> started = scheduler.start(limit, Objects.requireNonNull(permit, "permit"), clock.instant());
        started.stream().filter(this::isCurrent).forEach(job -> assigned.get(job.partition()).started(job.offset()));
        return started;
    }

    /** True while the job may make another counted call. */
    public boolean budgetLeft(Job<T> job) {
        return job.attempts() < limits.retryMaxAttempts();
    }

    /**
     * The job's call ended retryable: it keeps its lane, leaves flight, and is due again after a full-jitter
     * backoff. The call may have taken effect, so {@link Job#hadRetryableFailure} is set either way;
     * {@code countAttempt=false} (the circuit breaker is not closed: AlipayHK is down, not the event)
     * refunds the attempt from the retry budget.
     */
    @Override
    public void retryLater(Job<T> job, boolean countAttempt) {
        if (!isCurrent(job)) {
            return;
        }
        job.markRetryableFailure();
        if (!countAttempt) {
            job.refundAttempt();
        }
        scheduler.retryLater(job, clock.instant().plus(backoff.delayAfter(Math.max(1, job.attempts()))));
    }

    /**
     * A stale job's call (its partition was revoked while it was in flight) has ended. Until then a
     * new epoch's job of the same pass does not start: two calls of one pass are never in flight at once.
     */
    @Override
    public void landStale(Job<T> job) {
        if (!isCurrent(job)) {
            scheduler.landStale(job);
        }
    }

    /** The job's final outcome is known: its lane's next job may start. Its offset stays pending. */
    @Override
    public void finish(Job<T> job) {
        if (isCurrent(job)) {
            scheduler.finish(job);
        }
    }

    /**
     * The outcome of the record at {@code offset} is durably published: the offset is complete. It carries no
     * epoch, so it applies to the partition's current one; drop acknowledgements that arrive after the partition
     * was revoked (prefer {@link #published(Job)} for jobs). Returns false when the offset was not pending.
     */
    public boolean published(SourcePartition partition, long offset) {
        PartitionEpoch assignment = assigned.get(partition);
        if (assignment == null || !assignment.watermark().complete(offset)) {
            return false;
        }
        buffered--;
        return true;
    }

    /** Like {@link #published(SourcePartition, long)}, but ignored when the job is stale. */
    @Override
    public boolean published(Job<T> job) {
        return isCurrent(job) && published(job.partition(), job.offset());
    }

    /** False once the job's partition was revoked (or revoked and reassigned) after it was accepted. */
    @Override
    public boolean isCurrent(Job<T> job) {
        PartitionEpoch assignment = assigned.get(job.partition());
        return assignment != null && assignment.epoch() == job.epoch();
    }

    /** The offset to commit (next to read): lowest pending, else highest accepted + 1; empty if none this epoch. */
    @Override
    public OptionalLong committableOffset(SourcePartition partition) {
        PartitionEpoch assignment = assigned.get(partition);
        return assignment == null ? OptionalLong.empty() : assignment.watermark().committable();
    }

    /** {@link #commitPoint(SourcePartition, int)} within {@link ResumeMarksCodec#DEFAULT_MAX_CHARS}. */
    @Override
    public Optional<CommitPoint> commitPoint(SourcePartition partition) {
        return commitPoint(partition, ResumeMarksCodec.DEFAULT_MAX_CHARS);
    }

    /**
     * What to commit: the offset — {@link #committableOffset}, or past it when the previous owner's finished
     * records follow — and the resume marks for the next owner, at most {@code maxChars} long. Empty when the
     * partition is not assigned or nothing was read in this epoch (the last commit still holds).
     */
    @Override
    public Optional<CommitPoint> commitPoint(SourcePartition partition, int maxChars) {
        PartitionEpoch assignment = assigned.get(partition);
        return assignment == null ? Optional.empty() : assignment.commitPoint(maxChars);
    }

    /**
     * The earliest due time of a job waiting to retry, for the event loop's wake-up; it may already have passed
     * (then call {@link #start} now). Jobs ready but held back by maxInFlight or the permit are not included.
     */
    public Optional<Instant> nextDueTime() {
        return scheduler.nextDueTime();
    }

    /**
     * Per assigned partition, when its oldest unfinished record (accepted, its outcome not yet published: the one
     * the commit waits for) was received; partitions with none are left out. A new map each time, for the gauges'
     * snapshot.
     */
    @Override
    public Map<SourcePartition, Instant> oldestUnfinished() {
        Map<SourcePartition, Instant> oldest = new HashMap<>();
        assigned.forEach((partition, assignment) -> assignment.watermark().oldestPendingReceivedAt()
                .ifPresent(millis -> oldest.put(partition, Instant.ofEpochMilli(millis))));
        return oldest;
    }

    /** Partitions to pause now because too much is buffered; each is returned once until resumed. */
    @Override
    public Set<SourcePartition> partitionsToPause() {
        return backpressure.toPause(assigned.keySet(), this::buffered, buffered);
    }

    /** Partitions paused by {@link #partitionsToPause} that have drained below half; returned once each. */
    @Override
    public Set<SourcePartition> partitionsToResume() {
        return backpressure.toResume(assigned.size(), this::buffered, buffered);
    }

    /** Partitions currently paused for backpressure. */
    public Set<SourcePartition> pausedPartitions() {
        return Set.copyOf(backpressure.paused());
    }

    public Set<SourcePartition> assignedPartitions() {
        return Set.copyOf(assigned.keySet());
    }

    @Override
    public int inFlight() {
        return scheduler.inFlight();
    }

    @Override
    public int inFlight(SourcePartition partition) {
        return scheduler.inFlight(partition);
    }

    /** Accepted (settled included) and not yet published, all partitions. */
    @Override
    public int buffered() {
        return buffered;
    }

    public int buffered(SourcePartition partition) {
        PartitionEpoch assignment = assigned.get(partition);
        return assignment == null ? 0 : assignment.watermark().pendingCount();
    }

    @Override
    public int lanes() {
        return scheduler.lanes();
    }

    /** Jobs waiting for a retry's backoff to pass. */
    @Override
    public int retriesWaiting() {
        return scheduler.retriesWaiting();
    }

    private PartitionEpoch requireAssigned(SourcePartition partition) {
        PartitionEpoch assignment = assigned.get(Objects.requireNonNull(partition, "partition"));
        if (assignment == null) {
            throw new IllegalStateException("partition " + partition + " is not assigned");
        }
        return assignment;
    }
}

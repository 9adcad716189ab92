package passrelay.dispatch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The "what may run now" half: per-pass lanes, a FIFO queue of lane heads ready to start, and a queue of
 * retry due times. Every operation touches only the jobs it moves, never all lanes, except dropping a
 * revoked partition. Empty lanes are removed at once, so lanes never outnumber buffered jobs.
 */
final class LaneScheduler<T> {

    private final int maxInFlight;
    private final Map<LaneKey, PassLane<T>> lanes = new HashMap<>();
    private final ArrayDeque<Job<T>> ready = new ArrayDeque<>();
    private final RetryQueue<T> retries = new RetryQueue<>();
    private final Map<SourcePartition, Integer> inFlightByPartition = new HashMap<>();
    private final Set<SourcePartition> held = new HashSet<>();
    private final Map<LaneKey, Integer> staleInFlight = new HashMap<>();
    private int inFlight;

    LaneScheduler(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** Queues {@code job} at the tail of its lane; it becomes ready at once if the lane was idle. */
    void enqueue(Job<T> job) {
        PassLane<T> lane = lanes.computeIfAbsent(new LaneKey(job.partition(), job.laneKey()), PassLane::new);
        job.joinLane(lane);
        if (lane.add(job) && !staleInFlight.containsKey(lane.key())) {
            makeReady(job);
        }
    }

    /**
     * Starts ready jobs in FIFO order while fewer than {@code limit} (and maxInFlight) are in flight and
     * {@code permit} says yes (asked once per job).
     */
    List<Job<T>> start(int limit, BooleanSupplier permit, Instant now) {
        promoteDueRetries(now);
        List<Job<T>> started = new ArrayList<>();
        int slots = Math.min(limit, maxInFlight);
        while (inFlight < slots && !ready.isEmpty() && permit.getAsBoolean()) {
            Job<T> job = ready.removeFirst();
            job.countAttempt();
            job.moveTo(JobState.IN_FLIGHT);
            inFlightByPartition.merge(job.partition(), 1, Integer::sum);
            inFlight++;
            started.add(job);
        }
        return started;
    }

    /** The in-flight {@code job} keeps its lane and waits until {@code due}. */
    void retryLater(Job<T> job, Instant due) {
        land(job);
        job.moveTo(JobState.WAITING_RETRY);
        retries.add(job, due);
    }

    /** The in-flight {@code job} is done with: its lane's next job becomes ready, or the lane goes. */
    void finish(Job<T> job) {
        land(job);
        job.moveTo(JobState.FINISHED);
        PassLane<T> lane = job.lane();
        Job<T> next = lane.removeHead(job);
        if (next == null) {
            lanes.remove(lane.key());
        } else {
            makeReady(next);
        }
    }

    /** No job of {@code partition} starts any more (it is being handed back); in-flight ones finish. */
    void hold(SourcePartition partition) {
        held.add(partition);
        ready.removeIf(job -> job.partition().equals(partition));
    }

    /** A call of a dropped partition has ended; the pass's current lane may start once none is left. */
    void landStale(Job<T> job) {
        if (job.state() != JobState.IN_FLIGHT) {
            return;
        }
        job.moveTo(JobState.FINISHED);
        LaneKey key = new LaneKey(job.partition(), job.laneKey());
        Integer left = staleInFlight.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
        PassLane<T> lane = lanes.get(key);
        if (left == null && lane != null && lane.head().state() == JobState.QUEUED) {
            makeReady(lane.head());
        }
    }

    /** Forgets every lane and job of {@code partition}; its in-flight calls stop counting against the limit. */
    void dropPartition(SourcePartition partition) {
        lanes.values().stream().filter(lane -> lane.key().partition().equals(partition))
                .filter(lane -> lane.head().state() == JobState.IN_FLIGHT)
                .forEach(lane -> staleInFlight.merge(lane.key(), 1, Integer::sum));
        lanes.keySet().removeIf(key -> key.partition().equals(partition));
        ready.removeIf(job -> job.partition().equals(partition));
        retries.removeIf(job -> job.partition().equals(partition));
        held.remove(partition);
        Integer dropped = inFlightByPartition.remove(partition);
        if (dropped != null) {
            inFlight -= dropped;
        }
    }

    Optional<Instant> nextDueTime() {
        return retries.earliestDue();
    }

    int inFlight() {
        return inFlight;
    }

    int inFlight(SourcePartition partition) {
        return inFlightByPartition.getOrDefault(partition, 0);
    }

    int lanes() {
        return lanes.size();
    }

    int retriesWaiting() {
        return retries.size();
    }

    private void promoteDueRetries(Instant now) {
        for (Job<T> due = retries.pollDue(now); due != null; due = retries.pollDue(now)) {
            makeReady(due);
        }
    }

    private void makeReady(Job<T> job) {
        job.moveTo(JobState.READY);
        if (!held.contains(job.partition())) {
            ready.addLast(job);
        }
    }

    /** Takes {@code job} out of flight; only an in-flight job can have an outcome. */
    private void land(Job<T> job) {
        if (job.state() != JobState.IN_FLIGHT) {
            throw new IllegalStateException(job + " is not in flight");
        }
        inFlightByPartition.computeIfPresent(job.partition(), (partition, count) -> count == 1 ? null : count - 1);
        inFlight--;
    }
}

package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import passrelay.testing.ManualClock;

/**
 * Drives a dispatcher the way the Kafka layer would — consume, start, complete, publish, commit, rebalance —
 * in a random interleaving, and checks its guarantees against a simple model after every step. Commits carry
 * resume marks, and a reassigned partition resumes from them (see {@link ResumeModel}).
 */
final class DispatchSimulation {

    /** How partitions change hands: never; always after a commit (a handover); or sometimes without one (a crash). */
    enum Rebalances {
        NONE, HANDOVERS, HANDOVERS_AND_CRASHES
    }

    private record SourceRecord(long offset, String passId, boolean malformed) {
    }

    /** One lane of one epoch: records in accept order, how many finished, whether its head is in flight. */
    private static final class LaneModel {
        final Job<Long> first;
        final List<Long> accepted = new ArrayList<>();
        final List<Long> calls = new ArrayList<>();
        int finished;
        boolean headInFlight;

        LaneModel(Job<Long> first) {
            this.first = first;
        }
    }

    private record LaneId(long epoch, SourcePartition partition, String passId) {
    }

    private final SplittableRandom random;
    private final ManualClock clock = new ManualClock(TestLimits.START);
    private final DispatchLimits limits;
    private final Dispatcher<Long> dispatcher;
    private final Rebalances rebalances;
    private final ResumeModel resume;
    private final Map<SourcePartition, List<SourceRecord>> topic = new LinkedHashMap<>();
    private final Map<SourcePartition, Integer> position = new HashMap<>();
    private final Map<SourcePartition, Long> committed = new HashMap<>();
    private final PendingModel pending = new PendingModel();
    private final Map<LaneId, LaneModel> lanes = new HashMap<>();
    private final List<LaneModel> retiredLanes = new ArrayList<>();
    private final List<Job<Long>> inFlight = new ArrayList<>();
    private final List<Job<Long>> toPublish = new ArrayList<>();
    private final List<long[]> settledToPublish = new ArrayList<>();
    private final TreeSet<String> paused = new TreeSet<>();

    DispatchSimulation(long seed, DispatchLimits limits, int partitions, int passes, int recordsPerPartition,
                       Rebalances rebalances) {
        this(seed, limits, partitions, passes, recordsPerPartition, rebalances, ResumeMarksCodec.DEFAULT_MAX_CHARS);
    }

    DispatchSimulation(long seed, DispatchLimits limits, int partitions, int passes, int recordsPerPartition,
                       Rebalances rebalances, int metadataMaxChars) {
        this.random = new SplittableRandom(seed);
        this.limits = limits;
        this.rebalances = rebalances;
        this.resume = new ResumeModel(metadataMaxChars);
        this.dispatcher = new Dispatcher<>(limits, clock, random.split());
        for (int p = 0; p < partitions; p++) {
            SourcePartition partition = new SourcePartition("pass-updates", p);
            topic.put(partition, records(recordsPerPartition, passes));
            assign(partition);
        }
    }

    /** Runs {@code steps} random steps, checking after each, then drains everything and checks the end state. */
    DispatchSimulation run(int steps) {
        for (int step = 0; step < steps; step++) {
            randomStep();
            check();
        }
        drain();
        return this;
    }

    /** What resuming did: so a test can tell that its guarantees were put to the test. */
    ResumeModel resume() {
        return resume;
    }

    private List<SourceRecord> records(int count, int passes) {
        List<SourceRecord> records = new ArrayList<>();
        long offset = random.nextLong(100);
        for (int i = 0; i < count; i++) {
            offset += random.nextInt(5) == 0 ? 1 + random.nextInt(20) : 1; // gaps, as after compaction
            records.add(new SourceRecord(offset, "pass-" + random.nextInt(passes), random.nextInt(25) == 0));
        }
        return records;
    }

    private void randomStep() {
        int choice = random.nextInt(100);
        if (choice < 30) {
            consume(1 + random.nextInt(8));
        } else if (choice < 50) {
            start(random.nextInt(10) > 0);
        } else if (choice < 75) {
            completeRandomCall();
        } else if (choice < 90) {
            publishRandomOutcome();
        } else if (choice < 97) {
            clock.advance(Duration.ofMillis(random.nextInt(400)));
        } else if (choice < 99) {
            commit();
        } else if (rebalances != Rebalances.NONE) {
            rebalance();
        }
    }

    private void consume(int maxRecords) {
        List<SourcePartition> readable = topic.keySet().stream().filter(dispatcher.assignedPartitions()::contains)
                .filter(p -> !paused.contains(p.toString()) && position.get(p) < topic.get(p).size()).toList();
        if (readable.isEmpty()) {
            return;
        }
        SourcePartition partition = readable.get(random.nextInt(readable.size()));
        for (int i = 0; i < maxRecords && position.get(partition) < topic.get(partition).size(); i++) {
            SourceRecord record = topic.get(partition).get(position.merge(partition, 1, Integer::sum) - 1);
            pending.accept(partition, record.offset());
            if (dispatcher.skipIfFinished(partition, record.offset())) {
                resume.skipped(partition, record.offset());
                pending.complete(partition, record.offset());
            } else if (record.malformed()) {
                dispatcher.acceptSettled(partition, record.offset());
                resume.accepted(partition, record.offset(), false);
                settledToPublish.add(new long[] {partition.partition(), record.offset()});
            } else {
                Job<Long> job = dispatcher.accept(partition, record.offset(), record.passId(), record.offset());
                resume.accepted(partition, record.offset(), job.possibleResend());
                laneOf(job).accepted.add(job.offset());
            }
        }
        applyBackpressure();
    }

    private void applyBackpressure() {
        dispatcher.partitionsToPause().forEach(p -> assertThat(paused.add(p.toString())).isTrue());
        dispatcher.partitionsToResume().forEach(p -> assertThat(paused.remove(p.toString())).isTrue());
    }

    private void start(boolean permit) {
        for (Job<Long> job : dispatcher.start(() -> permit)) {
            LaneModel lane = laneOf(job);
            assertThat(dispatcher.isCurrent(job)).isTrue();
            assertThat(lane.headInFlight).as("two calls in flight in lane of %s", job).isFalse();
            assertThat(job.offset()).as("only the lane head may start").isEqualTo(lane.accepted.get(lane.finished));
            assertThat(job.payload()).isEqualTo(job.offset());
            lane.headInFlight = true;
            lane.calls.add(job.offset());
            resume.started(job.partition(), job.offset());
            inFlight.add(job);
        }
    }

    private void completeRandomCall() {
        if (inFlight.isEmpty()) {
            return;
        }
        Job<Long> job = inFlight.remove(random.nextInt(inFlight.size()));
        boolean current = dispatcher.isCurrent(job);
        if (current) {
            laneOf(job).headInFlight = false;
        } else {
            dispatcher.landStale(job); // as the Kafka layer does with a call of a revoked partition
            return;
        }
        int outcome = random.nextInt(10);
        if (outcome < 2) {
            dispatcher.retryLater(job, false);
        } else if (outcome < 5 && dispatcher.budgetLeft(job)) {
            dispatcher.retryLater(job, true);
        } else {
            dispatcher.finish(job);
            toPublish.add(job);
            if (current) {
                finishHead(job);
            }
        }
    }

    private void publishRandomOutcome() {
        if (!settledToPublish.isEmpty() && random.nextBoolean()) {
            long[] settled = settledToPublish.remove(random.nextInt(settledToPublish.size()));
            SourcePartition partition = new SourcePartition("pass-updates", (int) settled[0]);
            assertThat(dispatcher.published(partition, settled[1])).isTrue();
            pending.complete(partition, settled[1]);
            resume.published(partition, settled[1]);
        } else if (!toPublish.isEmpty()) {
            Job<Long> job = toPublish.remove(random.nextInt(toPublish.size()));
            boolean current = dispatcher.isCurrent(job);
            assertThat(dispatcher.published(job)).as("published %s", job).isEqualTo(current);
            if (current) {
                pending.complete(job.partition(), job.offset());
                resume.published(job.partition(), job.offset());
            }
        }
    }

    private void commit() {
        for (SourcePartition partition : dispatcher.assignedPartitions()) {
            dispatcher.commitPoint(partition, resume.metadataMaxChars()).ifPresent(point -> {
                long committable = dispatcher.committableOffset(partition).getAsLong();
                assertThat(point.offset()).isGreaterThanOrEqualTo(committable);
                if (pending.count(partition) > 0) {
                    assertThat(point.offset()).isEqualTo(committable);
                }
                committed.put(partition, point.offset());
                resume.committed(partition, point, offsetsOf(partition));
            });
        }
    }

    private Set<Long> offsetsOf(SourcePartition partition) {
        return topic.get(partition).stream().map(SourceRecord::offset).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Revokes a partition and, usually at once, assigns it again; its stale jobs stay in flight. A handover
     * commits first; a crash does not, so the next owner resumes from an older commit.
     */
    private void rebalance() {
        List<SourcePartition> partitions = new ArrayList<>(topic.keySet());
        SourcePartition partition = partitions.get(random.nextInt(partitions.size()));
        if (rebalances == Rebalances.HANDOVERS_AND_CRASHES && random.nextInt(3) == 0) {
            resume.crashed(partition);
        } else {
            commit();
        }
        dispatcher.revoke(partition);
        pending.revoke(partition);
        paused.remove(partition.toString());
        // The Kafka layer drops acknowledgements of settled offsets of a partition it no longer owns.
        settledToPublish.removeIf(settled -> settled[0] == partition.partition());
        lanes.entrySet().removeIf(lane -> lane.getKey().partition().equals(partition)
                && retiredLanes.add(lane.getValue()));
        if (random.nextInt(4) > 0) {
            assign(partition);
        }
    }

    private void assign(SourcePartition partition) {
        dispatcher.assign(partition, resume.marks(partition));
        long from = committed.getOrDefault(partition, 0L);
        List<SourceRecord> records = topic.get(partition);
        int index = 0;
        while (index < records.size() && records.get(index).offset() < from) {
            index++;
        }
        position.put(partition, index);
    }

    /** A lane with nothing left is gone from the dispatcher; keep its history aside for the final check. */
    private void finishHead(Job<Long> job) {
        LaneId id = idOf(job);
        LaneModel lane = lanes.get(id);
        lane.finished++;
        if (lane.finished == lane.accepted.size()) {
            retiredLanes.add(lanes.remove(id));
        }
    }

    private LaneId idOf(Job<Long> job) {
        return new LaneId(job.epoch(), job.partition(), job.laneKey());
    }

    private LaneModel laneOf(Job<Long> job) {
        return lanes.computeIfAbsent(idOf(job), id -> new LaneModel(job));
    }

    /** What the Kafka layer can observe; the dispatcher's must equal the model's after every step. */
    private record View(List<OptionalLong> committable, List<Integer> buffered, List<Integer> inFlight,
                        int totalBuffered, int totalInFlight, int lanes, List<String> paused) {
    }

    private void check() {
        Set<SourcePartition> assigned = dispatcher.assignedPartitions();
        View actual = new View(
                topic.keySet().stream().map(dispatcher::committableOffset).toList(),
                topic.keySet().stream().map(dispatcher::buffered).toList(),
                topic.keySet().stream().map(dispatcher::inFlight).toList(),
                dispatcher.buffered(), dispatcher.inFlight(), dispatcher.lanes(),
                dispatcher.pausedPartitions().stream().map(SourcePartition::toString).sorted().toList());
        View expected = new View(
                topic.keySet().stream().map(p -> assigned.contains(p) ? pending.committable(p) : OptionalLong.empty())
                        .toList(),
                topic.keySet().stream().map(pending::count).toList(),
                topic.keySet().stream().map(this::currentInFlight).toList(),
                pending.total(), currentInFlight(null), lanes.size(), List.copyOf(paused));
        if (!actual.equals(expected)) {
            assertThat(actual).isEqualTo(expected); // AssertJ only on failure: it is too slow to call every step
        }
        if (actual.totalInFlight() > limits.maxInFlight()) {
            assertThat(actual.totalInFlight()).isLessThanOrEqualTo(limits.maxInFlight());
        }
    }

    /** Calls in flight of jobs that are still current, in {@code partition} or (null) in all. */
    private int currentInFlight(SourcePartition partition) {
        return (int) inFlight.stream().filter(dispatcher::isCurrent)
                .filter(job -> partition == null || job.partition().equals(partition)).count();
    }

    private boolean isCurrentEpoch(LaneModel lane) {
        return dispatcher.isCurrent(lane.first);
    }

    /** Lets every record of every partition reach its outcome, then checks the end state. */
    private void drain() {
        topic.keySet().stream().filter(p -> !dispatcher.assignedPartitions().contains(p)).forEach(this::assign);
        for (int round = 0; !finished(); round++) {
            assertThat(round).as("the dispatcher stopped making progress").isLessThan(1_000_000);
            consume(50);
            start(true);
            while (!inFlight.isEmpty()) {
                completeRandomCall();
            }
            while (!toPublish.isEmpty() || !settledToPublish.isEmpty()) {
                publishRandomOutcome();
            }
            applyBackpressure();
            dispatcher.nextDueTime().filter(due -> due.isAfter(clock.instant())).ifPresent(clock::set);
            check();
        }
        for (Map.Entry<SourcePartition, List<SourceRecord>> partition : topic.entrySet()) {
            long last = partition.getValue().get(partition.getValue().size() - 1).offset();
            OptionalLong committable = dispatcher.committableOffset(partition.getKey());
            // A partition reassigned after everything was committed accepts nothing in its last epoch.
            long next = committable.isPresent() ? committable.getAsLong() : committed.get(partition.getKey());
            assertThat(next).as("next offset of %s", partition.getKey()).isEqualTo(last + 1);
        }
        assertThat(lanes).isEmpty();
        assertThat(dispatcher.lanes()).isZero();
        retiredLanes.forEach(lane -> assertThat(collapseRetries(lane.calls))
                .as("calls of the lane of %s in accept order", lane.first)
                .isEqualTo(lane.accepted.subList(0, collapseRetries(lane.calls).size())));
        retiredLanes.stream().filter(this::isCurrentEpoch)
                .forEach(lane -> assertThat(collapseRetries(lane.calls)).isEqualTo(lane.accepted));
        assertThat(dispatcher.nextDueTime()).isEmpty();
    }

    private boolean finished() {
        return topic.keySet().stream().allMatch(p -> position.get(p) == topic.get(p).size())
                && dispatcher.buffered() == 0 && inFlight.isEmpty();
    }

    private static List<Long> collapseRetries(List<Long> calls) {
        List<Long> distinct = new ArrayList<>();
        for (Long offset : calls) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(offset)) {
                distinct.add(offset);
            }
        }
        return distinct;
    }
}

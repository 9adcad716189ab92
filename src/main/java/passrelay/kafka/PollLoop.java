package passrelay.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.dispatch.SourcePartition;

/**
 * The consumer's thread: polls, hands records to the engine, pauses and resumes partitions
 * (backpressure, open circuit), commits what is safe, and drains partitions it gives up.
 * It never sleeps and never waits on AlipayHK, so {@code max.poll.interval.ms} is never at risk.
 */
final class PollLoop implements Runnable, ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** Often, so that a crash re-sends little: finished records above the offset ride in each commit. */
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final PartitionWork engine;
    private final OffsetCommitter commits;
    private final String topic;
    private final Duration drainTimeout;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean abandon = new AtomicBoolean(false);
    private final PartitionPauses pauses = new PartitionPauses();
    private long nextCommitNanos = System.nanoTime();

    PollLoop(Consumer<byte[], byte[]> consumer, PartitionWork engine, OffsetCommitter commits, String topic,
             Duration drainTimeout) {
        this.consumer = consumer;
        this.engine = engine;
        this.commits = commits;
        this.topic = topic;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic), this);
        try {
            while (running.get()) {
                failIfEngineBroke();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty() && commits.claim(records)) {
                    engine.submit(records);
                }
                applyPauses();
                commitIfDue();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            close();
        }
    }

    private void failIfEngineBroke() {
        engine.fatal().ifPresent(error -> {
            abandon.set(true);
            throw new IllegalStateException("dispatch engine failed: " + error, error);
        });
    }

    /** Asks the loop to stop; with {@code abandon}, it drops work without draining or committing (a crash). */
    void stop(boolean abandonWork) {
        abandon.set(abandonWork);
        running.set(false);
        consumer.wakeup();
    }

    int pausedPartitions() {
        return pauses.pausedCount();
    }

    private void close() {
        try {
            if (!abandon.get()) {
                drainOnShutdown();
            }
        } catch (RuntimeException e) {
            log.warn("draining on shutdown failed: {}", e.toString());
        }
        try {
            consumer.close(closeOptions(abandon.get()));
        } catch (RuntimeException e) {
            log.warn("closing the consumer failed: {}", e.toString());
        }
    }

    /**
     * A drain (SIGTERM) leaves the group even as a static member ({@code KAFKA_GROUP_INSTANCE_ID}): the pod is
     * going away, and its replacement comes back under another name, so its partitions should move at once
     * rather than wait {@code session.timeout.ms}. A crash keeps Kafka's default: a static member stays, so that
     * the same pod restarted takes its partitions back without a rebalance; a dynamic member leaves either way.
     */
    private static CloseOptions closeOptions(boolean crashed) {
        CloseOptions options = CloseOptions.timeout(Duration.ofSeconds(5));
        return crashed ? options : options.withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP);
    }

    /** A wakeup left pending by {@link #stop} fires in the first blocking call: it is consumed, so try again. */
    private void drainOnShutdown() {
        try {
            drainAndCommit(consumer.assignment());
        } catch (WakeupException e) {
            drainAndCommit(consumer.assignment());
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            log.info("assigned {}", partitions);
            engine.assigned(commits.resumeMarks(partitions));
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        try {
            // on shutdown, close() has drained and committed already
            if (!partitions.isEmpty() && !abandon.get() && running.get()) {
                log.info("revoked {}: draining", partitions);
                drainAndCommit(partitions);
            }
        } finally {
            forget(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        log.warn("lost {}: dropping their work uncommitted", partitions);
        forget(partitions);
    }

    /** Stops starting work for these partitions, waits (bounded) for calls and publications, commits. */
    private void drainAndCommit(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<SourcePartition> sources = sources(partitions);
        engine.hold(sources);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (!engine.quiet(sources) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        if (!engine.quiet(sources)) {
            log.warn("drain of {} timed out after {}: unfinished calls will be made again by the next owner",
                    partitions, drainTimeout);
        }
        if (engine.fatal().isEmpty()) { // a broken engine vouches for nothing
            commits.commitSync(partitions);
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        engine.revoked(sources(partitions));
        commits.forget(partitions);
        pauses.forget(partitions);
    }

    private void commitIfDue() {
        if (System.nanoTime() < nextCommitNanos || engine.fatal().isPresent()) {
            return;
        }
        nextCommitNanos = System.nanoTime() + COMMIT_INTERVAL.toNanos();
        commits.commitAsync(consumer.assignment());
    }

    private void applyPauses() {
        PartitionWork.Pauses decisions = engine.pauses();
        pauses.apply(consumer, decisions.pause(), decisions.resume(), decisions.holdAll());
    }

    private static List<SourcePartition> sources(Collection<TopicPartition> partitions) {
        return partitions.stream().map(tp -> new SourcePartition(tp.topic(), tp.partition())).toList();
    }
}

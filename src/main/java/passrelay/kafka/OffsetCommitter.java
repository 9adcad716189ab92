package passrelay.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.dispatch.CommitPoint;
import passrelay.dispatch.ResumeMarks;
import passrelay.dispatch.ResumeMarksCodec;
import passrelay.dispatch.SourcePartition;
import passrelay.ops.Metrics;

/**
 * The poll thread's commits. Each carries, beside the offset, the resume marks for the partition's next owner:
 * the finished records above the offset (skipped after a crash or a rebalance) and how far records were handed
 * to this worker (their calls may have gone out). A batch is handed to the engine only after a commit says it
 * was, so no call can be made that a crash would hide. Metadata stays within the broker's limit: when the broker
 * refuses it as too large, the limit halves and the commit is made again.
 */
final class OffsetCommitter {
    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int SMALLEST_LIMIT = ResumeMarksCodec.MIN_MAX_CHARS;

    private final Consumer<byte[], byte[]> consumer;
    private final PartitionWork engine;
    private final Metrics metrics;
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private int metadataLimit = ResumeMarksCodec.DEFAULT_MAX_CHARS;

    OffsetCommitter(Consumer<byte[], byte[]> consumer, PartitionWork engine, Metrics metrics) {
        this.consumer = consumer;
        this.engine = engine;
        this.metrics = metrics;
    }

    /** What the partitions' previous owners left in their commits; a foreign or damaged note is ignored, once said. */
    Map<SourcePartition, ResumeMarks> resumeMarks(Collection<TopicPartition> partitions) {
        Map<SourcePartition, ResumeMarks> marks = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> found;
        try {
            found = consumer.committed(new HashSet<>(partitions), COMMIT_TIMEOUT);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("cannot read the committed offsets of {} ({}): resuming without marks, so records finished by "
                    + "the previous owner are called again", partitions, e.toString());
            found = Map.of();
        }
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata last = found.get(tp);
            ResumeMarks resume = ResumeMarks.NONE;
            if (last != null) {
                ResumeMarksCodec.Decoded decoded = ResumeMarksCodec.decode(last.offset(), last.metadata());
                decoded.ignoredBecause().ifPresent(why -> log.warn("ignoring the commit metadata of {}: {}", tp, why));
                resume = decoded.marks();
                committed.put(tp, last);
            }
            marks.put(source(tp), resume);
        }
        return marks;
    }

    /** Commits that {@code records} are handed over; false when that failed and they must be read again. */
    boolean claim(ConsumerRecords<byte[], byte[]> records) {
        Map<SourcePartition, PartitionWork.Claim> claims = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            var batch = records.records(tp);
            claims.put(source(tp), new PartitionWork.Claim(batch.get(0).offset(), batch.get(batch.size() - 1).offset() + 1));
        }
        Map<TopicPartition, OffsetAndMetadata> points = kafka(engine.claim(claims, metadataLimit));
        if (commitSync(points, "claiming records")) {
            return true;
        }
        claims.forEach((partition, claim) -> consumer.seek(topicPartition(partition), claim.from()));
        return false;
    }

    /** Commits, without waiting, every partition whose commit point moved. */
    void commitAsync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> points = changed(kafka(engine.commitPoints(sources(partitions), metadataLimit)));
        if (points.isEmpty()) {
            return;
        }
        consumer.commitAsync(points, (done, error) -> {
            if (error == null) {
                committed.putAll(done);
            } else if (error instanceof OffsetMetadataTooLarge) {
                shrinkLimit();
            } else {
                log.warn("commit failed (will be retried with newer offsets): {}", error.toString());
            }
        });
    }

    /** Commits the partitions now (they are handed back, or the worker stops); false when it failed. */
    boolean commitSync(Collection<TopicPartition> partitions) {
        return commitSync(changed(kafka(engine.commitPoints(sources(partitions), metadataLimit))), "handing back");
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
    }

    private boolean commitSync(Map<TopicPartition, OffsetAndMetadata> points, String why) {
        if (points.isEmpty()) {
            return true;
        }
        try {
            consumer.commitSync(points, COMMIT_TIMEOUT);
            committed.putAll(points);
            return true;
        } catch (OffsetMetadataTooLarge e) {
            if (!shrinkLimit()) {
                return false;
            }
            return commitSync(shrink(points), why);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // nothing unsafe was committed: the last commit still holds
            log.warn("commit failed while {} {}: {}", why, points.keySet(), e.toString());
            return false;
        }
    }

    /** Re-asks the engine for the same partitions' points under the smaller limit. */
    private Map<TopicPartition, OffsetAndMetadata> shrink(Map<TopicPartition, OffsetAndMetadata> points) {
        return kafka(engine.commitPoints(sources(points.keySet()), metadataLimit));
    }

    private boolean shrinkLimit() {
        if (metadataLimit <= SMALLEST_LIMIT) {
            return false;
        }
        metadataLimit = Math.max(SMALLEST_LIMIT, metadataLimit / 2);
        log.warn("the broker refuses commit metadata this large (offset.metadata.max.bytes): keeping resume marks "
                + "within {} characters", metadataLimit);
        return true;
    }

    private Map<TopicPartition, OffsetAndMetadata> changed(Map<TopicPartition, OffsetAndMetadata> points) {
        Map<TopicPartition, OffsetAndMetadata> changed = new HashMap<>();
        points.forEach((tp, point) -> {
            if (!Objects.equals(committed.get(tp), point)) {
                changed.put(tp, point);
            }
        });
        return changed;
    }

    private Map<TopicPartition, OffsetAndMetadata> kafka(Map<SourcePartition, CommitPoint> points) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        points.forEach((partition, point) -> {
            offsets.put(topicPartition(partition), new OffsetAndMetadata(point.offset(), point.metadata()));
            if (point.finishedDropped() > 0) {
                metrics.finishedOffsetsDropped(point.finishedDropped());
            }
        });
        return offsets;
    }

    private static Collection<SourcePartition> sources(Collection<TopicPartition> partitions) {
        return partitions.stream().map(OffsetCommitter::source).toList();
    }

    private static SourcePartition source(TopicPartition tp) {
        return new SourcePartition(tp.topic(), tp.partition());
    }

    private static TopicPartition topicPartition(SourcePartition partition) {
        return new TopicPartition(partition.topic(), partition.partition());
    }
}

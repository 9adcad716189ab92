package passrelay.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions from given offsets up to end offsets fixed in advance, and no further: records
 * published after the end was taken are never returned. Fails when it makes no progress for
 * {@code stallTimeout} (a broker gone quiet must end the run, not hang it).
 */
final class BoundedRead {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> end;
    private final Map<TopicPartition, Long> readUpTo;
    private final Duration stallTimeout;
    private final Clock clock;
    private Instant lastProgress;

    private BoundedRead(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> start,
                        Map<TopicPartition, Long> end, Duration stallTimeout, Clock clock) {
        this.consumer = consumer;
        this.end = Map.copyOf(end);
        this.readUpTo = new HashMap<>(start);
        this.stallTimeout = stallTimeout;
        this.clock = clock;
        this.lastProgress = clock.instant();
    }

    /** Assigns the partitions that have anything to read and seeks each to its start. */
    static BoundedRead start(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> start,
                             Map<TopicPartition, Long> end, Duration stallTimeout, Clock clock) {
        BoundedRead read = new BoundedRead(consumer, start, end, stallTimeout, clock);
        List<TopicPartition> toRead = start.keySet().stream().filter(tp -> start.get(tp) < end.get(tp)).toList();
        consumer.assign(toRead);
        toRead.forEach(tp -> consumer.seek(tp, start.get(tp)));
        return read;
    }

    boolean done() {
        return readUpTo.entrySet().stream().allMatch(entry -> entry.getValue() >= end.get(entry.getKey()));
    }

    /** The next records below the end offsets, in partition order; possibly none. */
    List<ConsumerRecord<byte[], byte[]>> next() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                records.add(record);
            }
        }
        boolean advanced = advance();
        if (advanced || !records.isEmpty()) {
            lastProgress = clock.instant();
        } else if (Duration.between(lastProgress, clock.instant()).compareTo(stallTimeout) > 0) {
            throw new ReplayFailure("no progress reading " + topics() + " for " + stallTimeout.toSeconds()
                    + " s: is the broker reachable?");
        }
        return records;
    }

    /** Per partition, the offset below which every record has been returned (or was a gap), capped at the end. */
    Map<TopicPartition, Long> readUpTo() {
        return Map.copyOf(readUpTo);
    }

    Map<TopicPartition, Long> end() {
        return end;
    }

    private boolean advance() {
        boolean advanced = false;
        List<TopicPartition> finished = new ArrayList<>();
        for (TopicPartition partition : consumer.assignment()) {
            long position = Math.min(consumer.position(partition), end.get(partition));
            if (position > readUpTo.get(partition)) {
                readUpTo.put(partition, position);
                advanced = true;
            }
            if (position >= end.get(partition)) {
                finished.add(partition);
            }
        }
        // Nothing past the end is wanted: stop fetching it.
        consumer.pause(finished);
        return advanced;
    }

    private String topics() {
        return end.keySet().stream().map(TopicPartition::topic).distinct().sorted().toList().toString();
    }
}

package passrelay.replay;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The offset questions replay asks before it reads, each bounded by the consumer's API timeout. */
final class TopicOffsets {
    private final Consumer<?, ?> consumer;
    private final Duration timeout;

    TopicOffsets(Consumer<?, ?> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /** Every partition of the topic; fails when the topic does not exist. */
    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new ReplayFailure("topic '" + topic + "' does not exist");
        }
        return partitions.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** The end offsets now: what was published before this moment is read, nothing after. */
    Map<TopicPartition, Long> end(List<TopicPartition> partitions) {
        return Map.copyOf(consumer.endOffsets(partitions, timeout));
    }

    Map<TopicPartition, Long> beginning(List<TopicPartition> partitions) {
        return Map.copyOf(consumer.beginningOffsets(partitions, timeout));
    }

    /** The consumer group's committed offsets; the beginning where it has none. */
    Map<TopicPartition, Long> committedOrBeginning(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), timeout);
        Map<TopicPartition, Long> beginning = beginning(partitions);
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            start.put(partition, offset == null ? beginning.get(partition) : offset.offset());
        }
        return start;
    }
}

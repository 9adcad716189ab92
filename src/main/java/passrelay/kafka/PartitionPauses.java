package passrelay.kafka;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import passrelay.dispatch.SourcePartition;

/**
 * Which assigned partitions are paused, and why: every one while AlipayHK's circuit is open, else
 * those the dispatcher holds too much of. Poll-thread only, except the count the gauge reads.
 */
final class PartitionPauses {
    private final Set<TopicPartition> forBackpressure = new HashSet<>();
    private final AtomicInteger paused = new AtomicInteger();

    /** Applies the dispatcher's latest decisions and the circuit's state to the consumer. */
    void apply(Consumer<?, ?> consumer, Set<SourcePartition> toPause, Set<SourcePartition> toResume,
               boolean circuitOpen) {
        toPause.forEach(p -> forBackpressure.add(topicPartition(p)));
        toResume.forEach(p -> forBackpressure.remove(topicPartition(p)));
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> wanted = new HashSet<>();
        if (circuitOpen) {
            wanted.addAll(assigned);
        } else {
            forBackpressure.stream().filter(assigned::contains).forEach(wanted::add);
        }
        Set<TopicPartition> pausedNow = consumer.paused();
        Set<TopicPartition> pause = new HashSet<>(wanted);
        pause.removeAll(pausedNow);
        Set<TopicPartition> resume = new HashSet<>(pausedNow);
        resume.removeAll(wanted);
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        paused.set(wanted.size());
    }

    /** Partitions handed back start unpaused when they return, as Kafka does. */
    void forget(Collection<TopicPartition> partitions) {
        forBackpressure.removeAll(partitions);
    }

    int pausedCount() {
        return paused.get();
    }

    private static TopicPartition topicPartition(SourcePartition partition) {
        return new TopicPartition(partition.topic(), partition.partition());
    }
}

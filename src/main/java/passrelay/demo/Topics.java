package passrelay.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates topics on a local broker and returns once every partition has a leader: producing to a
 * topic whose leader is still being elected can leave an idempotent producer stuck on
 * OutOfOrderSequence errors.
 */
public final class Topics {
    private Topics() {
    }

    /** Creates each topic (name to partition count) with replication factor 1. */
    public static void create(String bootstrap, Map<String, Integer> partitionsByTopic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(partitionsByTopic.entrySet().stream()
                    .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1))
                    .collect(Collectors.toList())).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!allLed(admin, List.copyOf(partitionsByTopic.keySet()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no leaders for " + partitionsByTopic.keySet() + " after 30 s");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + partitionsByTopic.keySet() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        }
    }

    private static boolean allLed(Admin admin, List<String> topics) throws InterruptedException {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            return described.values().stream().flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            return false;
        }
    }
}

package passrelay.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Order per pass, read back from a run's results topic: the backlog's events are {@code passId#seq}, and a pass's
 * results must come in seq order, each once, from 1 (a run stopped early leaves a prefix). Results are keyed by
 * passId, so a pass's results stand in one partition in the order the worker finished its events.
 */
record ResultsOrder(long results, int passes, long violations) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ResultsOrder check(String bootstrap, String topic) {
        Map<String, Integer> lastSeq = new HashMap<>();
        long results = 0;
        long violations = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "max.poll.records", 5_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    results++;
                    String eventId = JSON.readTree(record.value()).path("eventId").asText();
                    int hash = eventId.lastIndexOf('#');
                    int seq = Integer.parseInt(eventId.substring(hash + 1));
                    Integer before = lastSeq.put(eventId.substring(0, hash), seq);
                    if (seq != (before == null ? 1 : before + 1)) {
                        violations++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ResultsOrder(results, lastSeq.size(), violations);
    }
}

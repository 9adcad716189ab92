package passrelay.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import passrelay.event.DeadLetter;
import passrelay.event.ResultRecord;

/**
 * What a run has published so far on the results and dead-letter topics, read from the beginning as an
 * observer (no group) and kept in publishing order per partition: results by eventId (a pass's results share
 * a partition, so their order is the order they were published in), dead letters as they came.
 */
final class OutcomeLog implements AutoCloseable {
    /** One dead letter: its reason, eventId when readable, and where its original record stood. */
    record DeadLetterSeen(String reason, Optional<String> eventId, int originalPartition, long originalOffset) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String resultsTopic;
    private final Map<String, List<ResultRecord>> resultsByEvent = new LinkedHashMap<>();
    private final List<ResultRecord> results = new ArrayList<>();
    private final List<DeadLetterSeen> deadLetters = new ArrayList<>();
    private long unreadable;
    private String ignoredPrefix = "\u0000";

    /** From now on, outcomes of events whose eventId starts with {@code prefix} (a warm-up) are not kept. */
    void ignore(String prefix) {
        ignoredPrefix = prefix;
    }

    OutcomeLog(String bootstrap, String resultsTopic, String dltTopic) {
        this.resultsTopic = resultsTopic;
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", false,
                "max.partition.fetch.bytes", 8 * 1024 * 1024, "fetch.max.bytes", 64 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(resultsTopic, dltTopic)) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived within a short poll; returns this. */
    OutcomeLog poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(resultsTopic)) {
                Optional<ResultRecord> result = ResultRecord.tryFromJson(record.value());
                result.ifPresentOrElse(this::add, () -> unreadable++);
            } else if (!header(record, DeadLetter.EVENT_ID).orElse("").startsWith(ignoredPrefix)) {
                deadLetters.add(new DeadLetterSeen(header(record, DeadLetter.REASON).orElse("?"),
                        header(record, DeadLetter.EVENT_ID),
                        header(record, DeadLetter.ORIGINAL_PARTITION).map(Integer::parseInt).orElse(-1),
                        header(record, DeadLetter.ORIGINAL_OFFSET).map(Long::parseLong).orElse(-1L)));
            }
        }
        return this;
    }

    /** Polls until both topics are read to their end offsets as they are now. */
    OutcomeLog readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            poll();
        }
        return this;
    }

    private void add(ResultRecord result) {
        if (result.eventId().startsWith(ignoredPrefix)) {
            return;
        }
        results.add(result);
        resultsByEvent.computeIfAbsent(result.eventId(), id -> new ArrayList<>()).add(result);
    }

    /** Forgets everything read so far (what the warm-up left). */
    void forget() {
        resultsByEvent.clear();
        results.clear();
        deadLetters.clear();
        unreadable = 0;
    }

    /** The results of one event, in publishing order; empty when it has none yet. */
    List<ResultRecord> resultsOf(String eventId) {
        return resultsByEvent.getOrDefault(eventId, List.of());
    }

    boolean hasFinal(String eventId, String expected) {
        return resultsOf(eventId).stream().anyMatch(r -> r.resultStatus().equals(expected));
    }

    List<ResultRecord> results() {
        return results;
    }

    int eventsWithResults() {
        return resultsByEvent.size();
    }

    List<DeadLetterSeen> deadLetters() {
        return deadLetters;
    }

    long unreadable() {
        return unreadable;
    }

    private static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        consumer.close();
    }
}

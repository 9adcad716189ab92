package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import passrelay.event.DeadLetter;
import passrelay.event.ResultRecord;

/**
 * Watches a run from outside: again and again it reads the group's committed offsets, then every
 * outcome published so far, and records any input record below a committed offset that has no
 * published outcome (results or dead letter). Outcomes are published before their offsets are
 * committed, so a violation is a real loss, not a race of the audit.
 */
final class CommitAuditor {
    private final RelayFixture fixture;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile int audits;

    private CommitAuditor(RelayFixture fixture) {
        this.fixture = fixture;
        this.thread = new Thread(this::audit, "commit-auditor");
    }

    static CommitAuditor start(RelayFixture fixture) {
        CommitAuditor auditor = new CommitAuditor(fixture);
        auditor.thread.start();
        return auditor;
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }

    void assertNoCommitPassedAnUnpublishedRecord() {
        assertThat(audits).as("audits made").isPositive();
        assertThat(violations).as("committed offsets past records without a published outcome").isEmpty();
    }

    private void audit() {
        Set<String> published = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                bootstrap(), "enable.auto.commit", false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> outcomeTopics = new ArrayList<>();
            for (String topic : List.of(fixture.resultsTopic, fixture.dltTopic)) {
                consumer.partitionsFor(topic).forEach(info -> outcomeTopics.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(outcomeTopics);
            consumer.seekToBeginning(outcomeTopics);
            while (running.get()) {
                Map<TopicPartition, Long> committed = fixture.committedOffsets();
                Map<TopicPartition, Long> end = consumer.endOffsets(outcomeTopics);
                while (outcomeTopics.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> published.add(source(record)));
                }
                committed.forEach((tp, offset) -> {
                    for (long o = 0; o < offset; o++) {
                        if (!published.contains(tp.partition() + "@" + o)) {
                            violations.add(tp + " committed at " + offset + " but offset " + o + " has no outcome");
                            return;
                        }
                    }
                });
                audits++;
            }
        }
    }

    private String source(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(fixture.dltTopic)) {
            return RelayFixture.header(record, DeadLetter.ORIGINAL_PARTITION).orElse("?") + "@"
                    + RelayFixture.header(record, DeadLetter.ORIGINAL_OFFSET).orElse("?");
        }
        ResultRecord result = ResultRecord.fromJson(record.value());
        return result.source().partition() + "@" + result.source().offset();
    }

    private String bootstrap() {
        return fixture.bootstrapServers();
    }
}

package passrelay.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.config.SettingsReader;
import passrelay.demo.LocalAlipay;
import passrelay.demo.SampleProducer;
import passrelay.demo.TopicReader;
import passrelay.demo.Topics;
import passrelay.event.Json;
import passrelay.event.ResultRecord;
import passrelay.event.SourcePosition;
import passrelay.kafka.Worker;
import passrelay.kafka.WorkerAssembly;
import passrelay.kafka.WorkerSetup;
import passrelay.testing.Await;
import passrelay.testing.JsonSchemas;
import passrelay.testing.KafkaBroker;

/** The examples of docs/publishing.md, run against a real broker and the worker, do what the page says. */
@ExtendWith(KafkaBroker.class)
class ExamplesIT {
    private static final String INPUT = "examples-updates";
    private static final String RESULTS = "examples-results";
    private static final String DLT = "examples-dlt";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void shouldPublishSchemaValidEventsKeyedByPassIdThatTheWorkerAnswersOncePerEvent(KafkaBroker.Endpoint kafka)
            throws Exception {
        Topics.create(kafka.bootstrapServers(), Map.of(INPUT, 3, RESULTS, 3, DLT, 1));
        List<PublishExample.Published> published = new ArrayList<>();
        try (LocalAlipay alipay = LocalAlipay.start("examples-client", options -> { })) {
            Worker worker = startWorker(kafka, alipay);
            try (PublishExample publisher = new PublishExample(kafka.bootstrapServers(), INPUT);
                 ResultsReaderExample reader = new ResultsReaderExample(kafka.bootstrapServers(), RESULTS, "examples-reader")) {
                ObjectNode seat = Json.mapper().createObjectNode().put("seat", "H12");
                published.add(publisher.publish(PublishExample.movieUpdate("2160120041113167", "u-1", "ex-pass-1", seat)));
                published.add(publisher.publish(PublishExample.used("2160120041113167", "u-1", "ex-pass-1")));
                published.add(publisher.publish(PublishExample.used("2160120041113167", "u-2", "ex-pass-2")));
                for (PublishExample.Published event : published) {
                    assertThat(event.acknowledged().topic()).isEqualTo(INPUT);
                }

                List<ResultsReaderExample.Outcome> outcomes = new ArrayList<>();
                Await.until(DEADLINE, () -> "outcomes so far: " + outcomes, () -> {
                    outcomes.addAll(reader.poll(Duration.ofMillis(200)));
                    return outcomes.size() >= published.size();
                });

                assertThat(outcomes).extracting(ResultsReaderExample.Outcome::eventId)
                        .containsExactlyInAnyOrderElementsOf(published.stream().map(PublishExample.Published::eventId).toList());
                assertThat(outcomes).extracting(ResultsReaderExample.Outcome::resultStatus).containsOnly("S");
                assertThat(alipay.simulator().arrivals("ex-pass-1")).hasSize(2);
            } finally {
                worker.close();
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : readAll(kafka, INPUT)) {
            JsonNode event = Json.mapper().readTree(record.value());
            assertThat(JsonSchemas.problems(JsonSchemas.EVENT, record.value())).isEmpty();
            assertThat(new String(record.key(), UTF_8)).isEqualTo(event.at("/update/passId").textValue());
        }
    }

    @Test
    void shouldReadEachEventsFirstFinalOutcomeOnceWhateverIsRepeated(KafkaBroker.Endpoint kafka) {
        String results = "examples-dedupe-results";
        Topics.create(kafka.bootstrapServers(), Map.of(results, 2));
        try (KafkaProducer<byte[], byte[]> producer = SampleProducer.open(kafka.bootstrapServers());
             ResultsReaderExample reader = new ResultsReaderExample(kafka.bootstrapServers(), results, "dedupe-reader")) {
            List.of(result("e-1", "S", "SUCCESS"),
                    result("e-1", "S", "SUCCESS"),            // the same outcome again after a crash
                    result("e-1", "F", "PASS_USED_OCCUPIED"), // a crash re-sent it and AlipayHK answered differently
                    result("e-2", "U", "UNKNOWN_EXCEPTION"),  // unknown: dead-lettered ...
                    result("e-2", "S", "SUCCESS"),            // ... replayed, and final now
                    result("e-2", "S", "SUCCESS"),
                    result("e-3", "F", "PARAM_ILLEGAL"))
                    .forEach(record -> producer.send(new ProducerRecord<>(results, record.passId().getBytes(UTF_8),
                            record.toJson())));
            producer.flush();

            List<ResultsReaderExample.Outcome> outcomes = new ArrayList<>();
            Await.until(DEADLINE, () -> "outcomes so far: " + outcomes, () -> {
                outcomes.addAll(reader.poll(Duration.ofMillis(200)));
                return outcomes.stream().anyMatch(o -> o.eventId().equals("e-3"))
                        && outcomes.stream().filter(o -> o.eventId().equals("e-2")).count() == 2;
            });
            outcomes.addAll(reader.poll(Duration.ofMillis(500)));

            assertThat(outcomes).extracting(o -> o.eventId() + " " + o.resultStatus() + " " + o.resultCode())
                    .containsExactlyInAnyOrder("e-1 S SUCCESS", "e-2 U UNKNOWN_EXCEPTION", "e-2 S SUCCESS",
                            "e-3 F PARAM_ILLEGAL");
        }
    }

    private static Worker startWorker(KafkaBroker.Endpoint kafka, LocalAlipay alipay) {
        Map<String, String> env = new HashMap<>(alipay.settings());
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "PASSRELAY_GROUP_ID", "examples-worker",
                "PASSRELAY_INPUT_TOPIC", INPUT, "PASSRELAY_RESULTS_TOPIC", RESULTS, "PASSRELAY_DLT_TOPIC", DLT));
        return WorkerAssembly.start(WorkerSetup.read(new SettingsReader(env)),
                WorkerAssembly.Options.embedded(new SimpleMeterRegistry()));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaBroker.Endpoint kafka, String topic) {
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of(topic))) {
            return reader.readToEnd();
        }
    }

    /** Results all of one pass, so they share a partition and keep their order, as the worker writes them. */
    private static ResultRecord result(String eventId, String status, String code) {
        Instant now = Instant.parse("2026-11-25T10:15:30.412Z");
        return new ResultRecord(eventId, "dedupe-pass", "USED", status, code, code, 1, false, Optional.empty(),
                new SourcePosition("pass-updates", 0, 1), now, now);
    }
}

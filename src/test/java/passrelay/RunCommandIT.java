package passrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.apache.kafka.clients.producer.ProducerRecord;
import passrelay.demo.LocalAlipay;
import passrelay.demo.SampleEvents;
import passrelay.demo.SampleProducer;
import passrelay.demo.TopicReader;
import passrelay.demo.Topics;
import passrelay.simulator.ScriptedResponse;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;
import passrelay.testing.PassrelayJar;

/** The built jar, driven as an operator's script would: environment in, health over HTTP, SIGTERM out. */
@ExtendWith(KafkaBroker.class)
class RunCommandIT {
    private static final Path LOG = Path.of("target", "run-command-it.log");
    private static final Path OUT = Path.of("target", "run-command-it.out");
    private static final String UNLUCKY_PASS = "run-unlucky-pass";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldBecomeReadyServeMetricsAndExitZeroOnSigterm(KafkaBroker.Endpoint kafka) throws Exception {
        try (LocalAlipay alipay = LocalAlipay.start("run-client", options -> { })) {
            Topics.create(kafka.bootstrapServers(), Map.of("run-updates", 2, "run-results", 1, "run-dlt", 1));
            alipay.simulator().script(UNLUCKY_PASS, ScriptedResponse.answer("U", "UNKNOWN_EXCEPTION", "lost"),
                    ScriptedResponse.answer("U", "SYSTEM_ERROR", "lost again"));
            int port = PassrelayJar.freePort();
            ProcessBuilder builder = PassrelayJar.command("run")
                    .redirectError(LOG.toFile()).redirectOutput(OUT.toFile());
            builder.environment().putAll(alipay.settings());
            builder.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "PASSRELAY_GROUP_ID", "run-it", "PASSRELAY_INPUT_TOPIC", "run-updates",
                    "PASSRELAY_RESULTS_TOPIC", "run-results", "PASSRELAY_DLT_TOPIC", "run-dlt",
                    "PASSRELAY_HTTP_PORT", String.valueOf(port), "PASSRELAY_RETRY_MAX_ATTEMPTS", "2",
                    "PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "50", "PASSRELAY_RETRY_MAX_BACKOFF_MS", "100"));
            builder.environment().remove("PASSRELAY_LOG_FORMAT"); // run's own default: JSON
            Process worker = builder.start();
            try {
                Await.until(Duration.ofSeconds(60), "the worker reports ready", () -> PassrelayJar.status(port, "/health/ready") == 200);
                assertThat(json(PassrelayJar.body(port, "/health/ready"))).isEqualTo(json("{\"status\":\"ready\"}"));
                assertThat(PassrelayJar.status(port, "/health/live")).isEqualTo(200);
                assertThat(json(PassrelayJar.body(port, "/health/live"))).isEqualTo(json("{\"status\":\"live\"}"));
                String metrics = PassrelayJar.body(port, "/metrics");
                assertThat(metrics).contains("passrelay_records_consumed_total", "resilience4j_circuitbreaker_state",
                        "jvm_memory_used_bytes", "passrelay_build_info{crypto=\"", "version=\"" + projectVersion() + "\"",
                        "passrelay_calls_in_flight", "passrelay_records_buffered", "passrelay_retries_waiting");
                try (var producer = SampleProducer.open(kafka.bootstrapServers());
                     var results = new TopicReader(kafka.bootstrapServers(), List.of("run-results", "run-dlt"))) {
                    producer.send(new ProducerRecord<>("run-updates", "run-pass".getBytes(StandardCharsets.UTF_8),
                            SampleEvents.event("run-pass", 1)));
                    producer.send(new ProducerRecord<>("run-updates", UNLUCKY_PASS.getBytes(StandardCharsets.UTF_8),
                            SampleEvents.event(UNLUCKY_PASS, 1)));
                    producer.send(new ProducerRecord<>("run-updates", null, "not json".getBytes(StandardCharsets.UTF_8)));
                    producer.flush();
                    List<Object> seen = new java.util.ArrayList<>();
                    Await.until(Duration.ofSeconds(60), "two results and two dead letters", () -> {
                        seen.addAll(results.poll());
                        return seen.size() >= 4;
                    });
                }
                String scraped = Await.until(Duration.ofSeconds(30), () -> PassrelayJar.body(port, "/metrics"), text -> text
                        .contains("passrelay_partition_oldest_unfinished_age_seconds{partition=\"run-updates-1\"}"));
                assertThat(scraped).contains("passrelay_outcomes_total{code=\"SUCCESS\",status=\"S\"}",
                        "passrelay_call_duration_seconds_bucket{class=\"s\",le=\"0.005\"}",
                        "passrelay_partition_oldest_unfinished_age_seconds{partition=\"run-updates-0\"}");

                worker.destroy(); // SIGTERM
                assertThat(worker.waitFor(40, TimeUnit.SECONDS)).as("stopped within the drain bound").isTrue();
                assertThat(worker.exitValue()).isZero();
                String log = Files.readString(LOG);
                for (String keyLine : keyBody(Path.of(alipay.settings().get("ALIPAYHK_PRIVATE_KEY_FILE")))) {
                    assertThat(log).as("the worker's log").doesNotContain(keyLine);
                    assertThat(scraped).as("the metrics").doesNotContain(keyLine);
                }
                assertLogIsJsonWithDeadLetterFields(log);
            } finally {
                worker.destroyForcibly();
            }
        }
    }

    /** {@code run} logs one JSON object per line; a dead-letter line names its record in fields of their own. */
    private static void assertLogIsJsonWithDeadLetterFields(String log) throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : log.lines().filter(line -> !line.isBlank()).toList()) {
            JsonNode object = JSON.readTree(line);
            assertThat(object.isObject()).as("a JSON object: %s", line).isTrue();
            assertThat(object.has("timestamp") && object.has("level") && object.has("logger") && object.has("thread")
                    && object.has("message")).as("the standard fields: %s", line).isTrue();
            lines.add(object);
        }
        assertThat(lines).as("the worker's log").isNotEmpty();
        JsonNode unknown = lines.stream().filter(line -> line.path("reason").asText().equals("UNKNOWN_RESULT"))
                .findFirst().orElseThrow(() -> new AssertionError("no dead-letter line for " + UNLUCKY_PASS
                        + ":\n" + log));
        assertThat(unknown.path("level").asText()).isEqualTo("WARN");
        assertThat(unknown.path("passId").asText()).isEqualTo(UNLUCKY_PASS);
        assertThat(unknown.path("eventId").asText()).isEqualTo(SampleEvents.eventId(UNLUCKY_PASS, 1));
        assertThat(unknown.path("topic").asText()).isEqualTo("run-updates");
        assertThat(unknown.path("partition").isInt()).isTrue();
        assertThat(unknown.path("offset").isIntegralNumber()).isTrue();
        assertThat(unknown.path("resultCode").asText()).isEqualTo("SYSTEM_ERROR");
        assertThat(unknown.path("attempts").asInt()).isEqualTo(2);
        JsonNode malformed = lines.stream().filter(line -> line.path("reason").asText().equals("MALFORMED_EVENT"))
                .findFirst().orElseThrow(() -> new AssertionError("no dead-letter line for the malformed record"));
        assertThat(malformed.has("partition") && malformed.has("offset")).isTrue();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void shouldRefuseToStartNamingEveryMissingSetting() throws Exception {
        Process process = PassrelayJar.command("run")
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("KAFKA_BOOTSTRAP_SERVERS", "ALIPAYHK_CLIENT_ID", "ALIPAYHK_PRIVATE_KEY_FILE");
    }

    /** The Base64 lines of a PEM key: any of them in an output would be a leak. */
    private static List<String> keyBody(Path pem) throws Exception {
        return Files.readAllLines(pem).stream().filter(line -> !line.startsWith("-----") && line.length() > 16).toList();
    }

    /** The version Maven put in the jar's manifest: what {@code passrelay_build_info} must report. */
    private static String projectVersion() throws Exception {
        try (var jar = new java.util.jar.JarFile(PassrelayJar.JAR.toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
    }

}

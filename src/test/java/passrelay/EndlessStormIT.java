package passrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.LocalAlipay;
import passrelay.demo.SampleEvents;
import passrelay.demo.SampleProducer;
import passrelay.demo.TopicReader;
import passrelay.demo.Topics;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;
import passrelay.testing.PassrelayJar;

/**
 * AlipayHK answers U to every call, forever, and the built jar runs against it: the breaker opens and
 * keeps trying, events still reach the dead-letter topic (each after its whole budget, so at most one per
 * {@code PASSRELAY_RETRY_MAX_ATTEMPTS} calls), the process stays live, and SIGTERM drains it to exit 0.
 */
@ExtendWith(KafkaBroker.class)
class EndlessStormIT {
    private static final Path LOG = Path.of("target", "endless-storm-it.log");
    private static final int MAX_ATTEMPTS = 2;

    @Test
    void shouldKeepDeadLetteringAtABoundedRateStayLiveAndDrainOnSigterm(KafkaBroker.Endpoint kafka) throws Exception {
        try (LocalAlipay alipay = LocalAlipay.start("storm-client", options -> { })) {
            alipay.simulator().faults().sickPasses(1.0);
            Topics.create(kafka.bootstrapServers(), Map.of("storm-updates", 3, "storm-results", 1, "storm-dlt", 1));
            try (var producer = SampleProducer.open(kafka.bootstrapServers())) {
                for (int seq = 1; seq <= 3; seq++) {
                    for (int pass = 0; pass < 40; pass++) {
                        String passId = "storm-" + pass;
                        producer.send(new ProducerRecord<>("storm-updates", passId.getBytes(StandardCharsets.UTF_8),
                                SampleEvents.event(passId, seq)));
                    }
                }
            }
            int port = PassrelayJar.freePort();
            ProcessBuilder builder = PassrelayJar.command("run").redirectErrorStream(true).redirectOutput(LOG.toFile());
            builder.environment().putAll(alipay.settings());
            builder.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "PASSRELAY_GROUP_ID", "storm-it", "PASSRELAY_INPUT_TOPIC", "storm-updates",
                    "PASSRELAY_RESULTS_TOPIC", "storm-results", "PASSRELAY_DLT_TOPIC", "storm-dlt",
                    "PASSRELAY_HTTP_PORT", String.valueOf(port), "PASSRELAY_RETRY_MAX_ATTEMPTS",
                    String.valueOf(MAX_ATTEMPTS), "PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "50",
                    "PASSRELAY_RETRY_MAX_BACKOFF_MS", "200", "PASSRELAY_BREAKER_MAX_WAIT_MS", "1000"));
            Process worker = builder.start();
            try (TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), List.of("storm-dlt"))) {
                List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
                Await.until(Duration.ofSeconds(60), "the breaker opens",
                        () -> openings(PassrelayJar.body(port, "/metrics")) >= 1);
                int deadWhenOpened = read(deadLetters, dead);
                Await.until(Duration.ofSeconds(90), () -> "dead letters after the breaker opened: "
                        + (dead.size() - deadWhenOpened), () -> read(deadLetters, dead) >= deadWhenOpened + 20);
                String metrics = PassrelayJar.body(port, "/metrics");

                long calls = alipay.simulator().allArrivals().size();
                System.out.printf("endless storm: %d calls, %d dead letters, breaker opened %d times%n", calls,
                        dead.size(), openings(metrics));
                assertThat(openings(metrics)).as("the breaker keeps trying: openings").isGreaterThanOrEqualTo(2);
                assertThat((long) dead.size()).as("dead letters against calls made (each needs its whole budget)")
                        .isLessThanOrEqualTo(calls / MAX_ATTEMPTS);
                assertThat(PassrelayJar.status(port, "/health/live")).as("live through the storm").isEqualTo(200);

                worker.destroy(); // SIGTERM
                assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("stopped within the drain bound").isTrue();
                assertThat(worker.exitValue()).as("a drained stop").isZero();
            } finally {
                worker.destroyForcibly();
            }
        }
    }

    private static int read(TopicReader reader, List<ConsumerRecord<byte[], byte[]>> into) {
        into.addAll(reader.poll());
        return into.size();
    }

    /** Times the breaker opened, from the worker's /metrics. */
    private static long openings(String metrics) {
        return metrics.lines()
                .filter(line -> line.startsWith("passrelay_breaker_transitions_total{") && line.contains("to_state=\"open\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}

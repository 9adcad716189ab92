package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.LocalAlipay;
import passrelay.demo.SampleEvents;
import passrelay.demo.SampleProducer;
import passrelay.demo.TopicReader;
import passrelay.demo.Topics;
import passrelay.simulator.ScriptedResponse;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;
import passrelay.testing.PassrelayJar;

/**
 * The alerts (k8s/base/prometheusrule.yaml) and the dashboard (k8s/grafana/passrelay-dashboard.json) ask only
 * for series a real worker exports: the built jar runs against a real broker and the simulator, handles an S,
 * an F, an our-fault answer, a U that ends in the dead-letter topic and a malformed record, and every selector
 * of every alert expression and panel query must then find a series in its {@code /metrics}, label values
 * included (the labels Prometheus adds, such as job and pod, aside).
 */
@ExtendWith(KafkaBroker.class)
class MonitoringQueriesIT {
    /** Series other scrapers make: Prometheus itself ({@code up}) and kube-state-metrics ({@code kube_*}). */
    static final Set<String> EXTERNAL = Set.of("up", "kube_pod_status_ready", "kube_pod_container_status_restarts_total");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long RESCRAPE_NANOS = Duration.ofMillis(250).toNanos();
    private static final Path LOG = Path.of("target", "monitoring-queries-it.log");
    private static final Path LAST_SCRAPE = Path.of("target", "monitoring-queries-it.metrics");

    private static LocalAlipay alipay;
    private static Process worker;
    private static int port;

    @BeforeAll
    static void startAWorkerThatMeetsEveryKindOfOutcome(KafkaBroker.Endpoint kafka) throws Exception {
        alipay = LocalAlipay.start("monitoring-client", options -> { });
        Topics.create(kafka.bootstrapServers(), Map.of("mon-updates", 2, "mon-results", 1, "mon-dlt", 1));
        alipay.simulator().script("mon-refused", ScriptedResponse.answer("F", "BIZ_NOT_SUPPORT", "not supported"));
        alipay.simulator().script("mon-rejected", ScriptedResponse.answer("F", "INVALID_SIGNATURE", "who are you"));
        alipay.simulator().script("mon-unknown", ScriptedResponse.answer("U", "UNKNOWN_EXCEPTION", "lost"),
                ScriptedResponse.answer("U", "SYSTEM_ERROR", "lost again"));
        port = PassrelayJar.freePort();
        ProcessBuilder builder = PassrelayJar.command("run").redirectErrorStream(true).redirectOutput(LOG.toFile());
        builder.environment().putAll(alipay.settings());
        builder.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "PASSRELAY_GROUP_ID", "monitoring-it", "PASSRELAY_INPUT_TOPIC", "mon-updates",
                "PASSRELAY_RESULTS_TOPIC", "mon-results", "PASSRELAY_DLT_TOPIC", "mon-dlt",
                "PASSRELAY_HTTP_PORT", String.valueOf(port), "PASSRELAY_RETRY_MAX_ATTEMPTS", "2",
                "PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "50", "PASSRELAY_RETRY_MAX_BACKOFF_MS", "100"));
        worker = builder.start();
        try (var producer = SampleProducer.open(kafka.bootstrapServers());
             var outcomes = new TopicReader(kafka.bootstrapServers(), List.of("mon-results", "mon-dlt"))) {
            for (String pass : List.of("mon-ok", "mon-refused", "mon-rejected", "mon-unknown")) {
                producer.send(new ProducerRecord<>("mon-updates", pass.getBytes(StandardCharsets.UTF_8),
                        SampleEvents.event(pass, 1)));
            }
            producer.send(new ProducerRecord<>("mon-updates", null, "not json".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            List<Object> seen = new ArrayList<>();
            Await.until(DEADLINE, "four results (S, F, S after an our-fault answer, U) and two dead letters", () -> {
                seen.addAll(outcomes.poll());
                return seen.size() >= 6;
            });
        }
    }

    @AfterAll
    static void stopTheWorker() throws Exception {
        if (worker != null) {
            worker.destroy();
            if (!worker.waitFor(40, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
        if (alipay != null) {
            alipay.close();
        }
    }

    @Test
    void everySeriesAnAlertSelectsShouldBeExportedByARealWorker() {
        List<GrafanaDashboard.Query> queries = new ArrayList<>();
        AlertRules.read().alerts().forEach(alert -> queries.add(new GrafanaDashboard.Query("alert " + alert.name(),
                alert.expr(), List.of())));

        assertEveryQueryFindsItsSeries(queries);
    }

    @Test
    void everySeriesADashboardQuerySelectsShouldBeExportedByARealWorkerWithTheLabelsItsLegendShows() {
        assertEveryQueryFindsItsSeries(GrafanaDashboard.read().queries());
    }

    /** Waits (lazily created meters appear with their first event) until every selector finds a series. */
    private static void assertEveryQueryFindsItsSeries(List<GrafanaDashboard.Query> queries) {
        assertThat(queries).isNotEmpty();
        PrometheusScrape[] last = {awaitScrape()};
        long[] scrapedAt = {System.nanoTime()};
        Await.until(DEADLINE, () -> "series no /metrics of the worker had (all it had: " + LAST_SCRAPE + "):\n"
                + String.join("\n", unmatched(queries, last[0])), () -> {
            if (System.nanoTime() - scrapedAt[0] > RESCRAPE_NANOS) { // not every 20 ms: that would take a core
                last[0] = awaitScrape();
                scrapedAt[0] = System.nanoTime();
            }
            return unmatched(queries, last[0]).isEmpty();
        });
        for (GrafanaDashboard.Query query : queries) {
            Set<String> labels = new TreeSet<>(PrometheusScrape.TARGET_LABELS);
            query.selectors().forEach(selector -> labels.addAll(last[0].labelsOf(selector.metric())));
            assertThat(labels).as("%s: the labels its legend shows", query.where()).containsAll(query.legendLabels());
        }
    }

    private static List<String> unmatched(List<GrafanaDashboard.Query> queries, PrometheusScrape scrape) {
        List<String> missing = new ArrayList<>();
        for (GrafanaDashboard.Query query : queries) {
            for (PromQl.Selector selector : query.selectors()) {
                if (!EXTERNAL.contains(selector.metric()) && !scrape.matches(selector)) {
                    missing.add(query.where() + ": " + selector);
                }
            }
        }
        return missing;
    }

    private static PrometheusScrape awaitScrape() {
        String text = Await.until(DEADLINE, () -> PassrelayJar.body(port, "/metrics"),
                body -> body.contains("passrelay_build_info"));
        try {
            Files.writeString(LAST_SCRAPE, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return PrometheusScrape.parse(text);
    }
}

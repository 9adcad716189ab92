package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard (k8s/grafana/passrelay-dashboard.json) imports into any Grafana with a Prometheus data source:
 * every panel asks the data source variable, selects the workers by the job the PodMonitor gives, and the
 * charts an operator looks for first are there. {@link MonitoringQueriesIT} checks its series against a real
 * worker.
 */
class GrafanaDashboardTest {
    private static final String DATASOURCE = "${datasource}";

    @Test
    void shouldOfferAPrometheusDataSourceVariable() {
        GrafanaDashboard dashboard = GrafanaDashboard.read();

        assertThat(dashboard.variables()).filteredOn(v -> v.path("name").asText().equals("datasource"))
                .singleElement().satisfies(variable -> {
                    assertThat(variable.path("type").asText()).isEqualTo("datasource");
                    assertThat(variable.path("query").asText()).isEqualTo("prometheus");
                });
        assertThat(dashboard.json().path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.json().path("uid").asText()).isNotBlank();
    }

    @Test
    void everyPanelTargetAndQueryVariableShouldAskTheDataSourceVariable() {
        GrafanaDashboard dashboard = GrafanaDashboard.read();

        assertThat(dashboard.panels()).hasSizeGreaterThanOrEqualTo(9).allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(panel.at("/datasource/uid").asText()).as(title).isEqualTo(DATASOURCE);
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target -> {
                assertThat(target.at("/datasource/uid").asText(DATASOURCE)).as(title).isEqualTo(DATASOURCE);
                assertThat(target.path("expr").asText()).as(title).isNotBlank();
            });
        });
        assertThat(dashboard.variables()).filteredOn(v -> v.path("type").asText().equals("query"))
                .allSatisfy(variable -> assertThat(variable.at("/datasource/uid").asText()).isEqualTo(DATASOURCE));
    }

    @Test
    void everyQueryShouldSelectTheWorkersByTheJobThePodMonitorGives() {
        String job = Manifests.render("k8s/base").scrapeJob();

        assertThat(GrafanaDashboard.read().queries()).allSatisfy(query -> assertThat(query.selectors())
                .as(query.where()).isNotEmpty()
                .allSatisfy(selector -> assertThat(selector.equalTo("job")).as("%s: %s", query.where(), selector)
                        .isEqualTo(job)));
    }

    @Test
    void shouldChartOutcomesCallsLatencyBreakerConcurrencyLagAgeAndDeadLetters() {
        Set<String> charted = new HashSet<>();
        GrafanaDashboard.read().queries().forEach(query -> charted.addAll(PromQl.metrics(query.expr())));

        assertThat(charted).contains("passrelay_outcomes_total", "passrelay_call_duration_seconds_count",
                "passrelay_call_duration_seconds_bucket", "passrelay_breaker_state", "passrelay_calls_in_flight",
                "passrelay_concurrency_limit", "passrelay_concurrency_cuts_total",
                "kafka_consumer_fetch_manager_records_lag", "passrelay_partition_oldest_unfinished_age_seconds",
                "passrelay_dlt_total");
    }

    @Test
    void panelsShouldHaveUniqueIdsAndAPlaceOnTheGrid() {
        List<JsonNode> panels = GrafanaDashboard.read().json().findParents("gridPos");
        Set<Integer> ids = new HashSet<>();

        assertThat(panels).allSatisfy(panel -> {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel.path("id")).isTrue();
            assertThat(panel.at("/gridPos/w").asInt()).isBetween(1, 24);
            assertThat(panel.at("/gridPos/h").asInt()).isPositive();
        });
    }
}

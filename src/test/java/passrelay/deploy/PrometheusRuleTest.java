package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alerts (k8s/base/prometheusrule.yaml) are part of every installation, select the workers the way the
 * PodMonitor labels them, say what fired and where to read on, and each has promtool cases that fire it and
 * that must not. {@link PromtoolRulesTest} runs those cases; {@link MonitoringQueriesIT} checks the series
 * they select against a real worker.
 */
class PrometheusRuleTest {
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Pattern RUNBOOK_SECTION = Pattern.compile("^## (\\S+)$", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/example"})
    void shouldBeAPrometheusOperatorRuleOfEveryInstallation(String dir) {
        JsonNode rule = Manifests.render(dir).one("PrometheusRule");

        assertThat(rule.path("apiVersion").textValue()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule).isEqualTo(AlertRules.read().resource());
    }

    @Test
    void everyAlertShouldHaveASeveritySummaryADescriptionWithItsValueAndARunbookSection() throws Exception {
        String runbook = Files.readString(AlertRules.RUNBOOK);
        List<AlertRules.Alert> alerts = AlertRules.read().alerts();
        // one address for the runbook page, so that an installation changes it in one go (README)
        String page = alerts.get(0).runbookPage();

        assertThat(page).startsWith("https://").endsWith("/" + AlertRules.RUNBOOK);
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(5).allSatisfy(alert -> {
            assertThat(alert.labels().get("severity")).as(alert.name()).isIn(SEVERITIES);
            assertThat(alert.annotations().get("summary")).as(alert.name()).isNotBlank().doesNotContain("{{");
            assertThat(alert.annotations().get("description")).as(alert.name()).contains("{{ $value").contains("$labels.");
            assertThat(alert.annotations().get("runbook_url")).as(alert.name()).isEqualTo(page + "#" + alert.anchor());
            assertThat(runbook).as("docs/alerts.md").contains("\n## " + alert.name() + "\n");
        });
    }

    @Test
    void theRunbookShouldHaveNoSectionForAnAlertThatIsGone() throws Exception {
        Set<String> sections = new TreeSet<>();
        Matcher section = RUNBOOK_SECTION.matcher(Files.readString(AlertRules.RUNBOOK));
        while (section.find()) {
            sections.add(section.group(1));
        }
        Set<String> alerts = new TreeSet<>();
        AlertRules.read().alerts().forEach(alert -> alerts.add(alert.name()));

        assertThat(sections).isEqualTo(alerts);
    }

    @Test
    void everyWorkerSeriesShouldBeSelectedByTheJobThePodMonitorGives() {
        String job = Manifests.render("k8s/base").scrapeJob();

        for (AlertRules.Alert alert : AlertRules.read().alerts()) {
            assertThat(alert.selectors()).as(alert.name()).isNotEmpty().allSatisfy(selector -> {
                if (selector.metric().startsWith("kube_")) {
                    assertThat(selector.equalTo("job")).as("%s: kube-state-metrics' job is its own", selector).isNull();
                } else {
                    assertThat(selector.equalTo("job")).as("%s: %s", alert.name(), selector).isEqualTo(job);
                }
            });
            assertThat(alert.selectors()).as("%s: a kube-state-metrics series is narrowed to passrelay's pods by a "
                    + "join with the PodMonitor's targets", alert.name())
                    .noneMatch(selector -> selector.metric().startsWith("kube_") && !alert.expr().contains("up{job="));
        }
    }

    @Test
    void everyAlertShouldHavePromtoolCasesThatFireItAndThatMustNot() {
        Set<String> fired = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode test : Kustomization.read(AlertRules.TESTS).get(0).path("tests")) {
            for (JsonNode evaluation : test.path("alert_rule_test")) {
                String alert = evaluation.path("alertname").textValue();
                (evaluation.path("exp_alerts").isEmpty() ? silent : fired).add(alert);
                evaluation.path("exp_alerts").forEach(expected -> assertThat(expected.path("exp_annotations")
                        .path("description").asText()).as("%s: the rendered description is checked", alert).isNotBlank());
            }
        }
        Set<String> alerts = new TreeSet<>();
        AlertRules.read().alerts().forEach(alert -> alerts.add(alert.name()));

        assertThat(fired).as("alerts some case fires").isEqualTo(alerts);
        assertThat(silent).as("alerts some case expects silent").isEqualTo(alerts);
    }
}

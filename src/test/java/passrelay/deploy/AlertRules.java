package passrelay.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The alerts of k8s/base/prometheusrule.yaml, as the tests read them. */
record AlertRules(ObjectNode resource, List<Alert> alerts) {
    static final Path FILE = Path.of("k8s/base/prometheusrule.yaml");
    static final Path TESTS = Path.of("k8s/base/prometheusrule-tests.yaml");
    static final Path RUNBOOK = Path.of("docs/alerts.md");

    record Alert(String name, String expr, String forDuration, Map<String, String> labels,
                 Map<String, String> annotations) {
        List<PromQl.Selector> selectors() {
            return PromQl.selectors(expr);
        }

        /** The anchor GitHub gives the runbook's "## Name" heading. */
        String anchor() {
            return name.toLowerCase(java.util.Locale.ROOT);
        }

        /** The runbook_url before its anchor: where an installation keeps docs/alerts.md. */
        String runbookPage() {
            String url = annotations.getOrDefault("runbook_url", "");
            return url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
        }
    }

    static AlertRules read() {
        ObjectNode resource = Kustomization.read(FILE).get(0);
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : resource.at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(new Alert(rule.path("alert").textValue(), rule.path("expr").textValue(),
                            rule.path("for").asText(""), strings(rule.path("labels")), strings(rule.path("annotations"))));
                }
            }
        }
        return new AlertRules(resource, alerts);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }
}

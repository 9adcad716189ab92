package passrelay.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** k8s/grafana/passrelay-dashboard.json, as the tests read it. */
record GrafanaDashboard(JsonNode json) {
    static final Path FILE = Path.of("k8s/grafana/passrelay-dashboard.json");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)",
            Pattern.DOTALL);
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");

    /** One PromQL query of the dashboard: a panel's target or a variable's query. */
    record Query(String where, String expr, List<String> legendLabels) {
        List<PromQl.Selector> selectors() {
            return PromQl.selectors(expr);
        }
    }

    static GrafanaDashboard read() {
        try {
            return new GrafanaDashboard(new ObjectMapper().readTree(FILE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel that shows data, rows' nested panels included; rows themselves left out. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    List<JsonNode> variables() {
        List<JsonNode> variables = new ArrayList<>();
        json.at("/templating/list").forEach(variables::add);
        return variables;
    }

    /** Every panel target's expression, and every query variable's series selector (inside label_values). */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                List<String> legend = new ArrayList<>();
                Matcher label = LEGEND_LABEL.matcher(target.path("legendFormat").asText(""));
                while (label.find()) {
                    legend.add(label.group(1));
                }
                queries.add(new Query("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText(), legend));
            }
        }
        for (JsonNode variable : variables()) {
            if (variable.path("type").asText().equals("query")) {
                String query = variable.path("query").isObject() ? variable.at("/query/query").asText()
                        : variable.path("query").asText();
                Matcher labelValues = LABEL_VALUES.matcher(query);
                if (!labelValues.matches()) {
                    throw new AssertionError("variable " + variable.path("name") + ": not label_values(selector, label): "
                            + query);
                }
                queries.add(new Query("variable $" + variable.path("name").asText(), labelValues.group(1),
                        List.of(labelValues.group(2))));
            }
        }
        return queries;
    }
}

package passrelay.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The series of one {@code /metrics} answer (Prometheus text format), and whether a PromQL selector would find
 * any: a histogram's {@code _bucket}, {@code _count} and {@code _sum} are series of their own here, as they are
 * in Prometheus.
 */
final class PrometheusScrape {
    /** Labels Prometheus adds to every series of a target; a worker's own scrape never has them. */
    static final Set<String> TARGET_LABELS = Set.of("job", "namespace", "pod", "instance", "container", "endpoint",
            "service");

    record Series(String metric, Map<String, String> labels) {
    }

    private final List<Series> series;

    private PrometheusScrape(List<Series> series) {
        this.series = series;
    }

    static PrometheusScrape parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                series.add(parseLine(line));
            }
        }
        return new PrometheusScrape(series);
    }

    Set<String> metrics() {
        Set<String> names = new TreeSet<>();
        series.forEach(s -> names.add(s.metric()));
        return names;
    }

    /**
     * Whether some series of the selector's metric satisfies all its matchers, leaving out the target's labels
     * and Grafana variables (neither can be known from the worker's own answer).
     */
    boolean matches(PromQl.Selector selector) {
        return series.stream().anyMatch(s -> s.metric().equals(selector.metric())
                && selector.matchers().stream().allMatch(m -> TARGET_LABELS.contains(m.label()) || m.isVariable()
                        || satisfies(s.labels().getOrDefault(m.label(), ""), m)));
    }

    /** The label names the metric's series carry. */
    Set<String> labelsOf(String metric) {
        Set<String> labels = new TreeSet<>();
        series.stream().filter(s -> s.metric().equals(metric)).forEach(s -> labels.addAll(s.labels().keySet()));
        return labels;
    }

    private static boolean satisfies(String value, PromQl.Matcher matcher) {
        return switch (matcher.op()) {
            case "=" -> value.equals(matcher.value());
            case "!=" -> !value.equals(matcher.value());
            case "=~" -> Pattern.matches(matcher.value(), value);
            case "!~" -> !Pattern.matches(matcher.value(), value);
            default -> throw new IllegalArgumentException(matcher.op());
        };
    }

    /** {@code name{a="x",b="y"} value [timestamp]} */
    private static Series parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            return new Series(line.substring(0, space), Map.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int at = brace + 1;
        while (line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            String name = line.substring(at, equals).trim();
            StringBuilder value = new StringBuilder();
            at = equals + 2; // past ="
            while (line.charAt(at) != '"') {
                char c = line.charAt(at++);
                if (c == '\\') {
                    char escaped = line.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(name, value.toString());
            at++; // closing quote
            if (line.charAt(at) == ',') {
                at++;
            }
        }
        return new Series(line.substring(0, brace), labels);
    }
}

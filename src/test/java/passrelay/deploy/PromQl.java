package passrelay.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The series selectors of a PromQL expression ({@code metric{label="value", ...}}), found by a small scanner
 * rather than a full parser: it skips strings, ranges ({@code [5m]}), grouping lists ({@code by (a, b)}),
 * numbers, durations and Grafana variables, and takes every other identifier that is not a function, an
 * aggregation or a keyword as a metric name. Enough for the rule file and the dashboard; an expression it
 * cannot read fails loudly instead of yielding fewer selectors.
 */
final class PromQl {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** One label matcher: {@code op} is {@code =}, {@code !=}, {@code =~} or {@code !~}. */
    record Matcher(String label, String op, String value) {
        boolean isVariable() {
            return value.contains("$");
        }
    }

    record Selector(String metric, List<Matcher> matchers) {
        /** The value an equality matcher on {@code label} asks for, or null. */
        String equalTo(String label) {
            return matchers.stream().filter(m -> m.label().equals(label) && m.op().equals("=")).map(Matcher::value)
                    .findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return metric + matchers.stream().map(m -> m.label() + m.op() + '"' + m.value() + '"')
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    private final String text;
    private int at;

    private PromQl(String text) {
        this.text = text;
    }

    static List<Selector> selectors(String expression) {
        try {
            return new PromQl(expression).scan();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the PromQL expression: " + expression, e);
        }
    }

    /** Metric names only. */
    static List<String> metrics(String expression) {
        return selectors(expression).stream().map(Selector::metric).toList();
    }

    private List<Selector> scan() {
        List<Selector> found = new ArrayList<>();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '[') {
                skipPast(']');
            } else if (c == '$') {
                variable();
            } else if (Character.isDigit(c) || (c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                    at++;
                }
            } else if (c == '{') {
                found.add(new Selector(null, matchers()));
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                identifier(found);
            } else {
                at++;
            }
        }
        if (found.stream().anyMatch(selector -> selector.metric() == null)) {
            throw new IllegalArgumentException("a selector without a metric name");
        }
        return found;
    }

    private void identifier(List<Selector> found) {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                || text.charAt(at) == ':')) {
            at++;
        }
        String name = text.substring(start, at);
        char next = nextNonSpace();
        if (GROUPING.contains(name)) {
            if (next == '(') {
                skipPast(')');
            }
        } else if (KEYWORDS.contains(name) || AGGREGATIONS.contains(name) || next == '(') {
            return; // a function, an aggregation or a keyword
        } else if (next == '{') {
            skipSpaces();
            found.add(new Selector(name, matchers()));
        } else {
            found.add(new Selector(name, List.of()));
        }
    }

    /** {@code {a="x", b=~"y"}}, from its opening brace past its closing one. */
    private List<Matcher> matchers() {
        at++; // {
        List<Matcher> matchers = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (text.charAt(at) == '}') {
                at++;
                return matchers;
            }
            var name = LABEL_NAME.matcher(text).region(at, text.length());
            if (!name.lookingAt()) {
                throw new IllegalArgumentException("a label name expected at " + at);
            }
            at = name.end();
            skipSpaces();
            String op = text.startsWith("=~", at) || text.startsWith("!=", at) || text.startsWith("!~", at)
                    ? text.substring(at, at + 2) : text.substring(at, at + 1);
            if (!op.equals("=") && !op.equals("=~") && !op.equals("!=") && !op.equals("!~")) {
                throw new IllegalArgumentException("a matcher expected at " + at);
            }
            at += op.length();
            skipSpaces();
            matchers.add(new Matcher(name.group(), op, string()));
            skipSpaces();
            if (text.charAt(at) == ',') {
                at++;
            }
        }
    }

    /** A quoted string from its opening quote past its closing one; its value without escapes. */
    private String string() {
        char quote = text.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (text.charAt(at) != quote) {
            if (text.charAt(at) == '\\' && quote != '`') {
                at++;
            }
            value.append(text.charAt(at++));
        }
        at++;
        return value.toString();
    }

    /** {@code $name}, {@code ${name}} or {@code $__rate_interval}. */
    private void variable() {
        at++;
        if (at < text.length() && text.charAt(at) == '{') {
            skipPast('}');
            return;
        }
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
    }

    private void skipPast(char close) {
        int end = text.indexOf(close, at);
        if (end < 0) {
            throw new IllegalArgumentException("no '" + close + "' after " + at);
        }
        at = end + 1;
    }

    private char nextNonSpace() {
        int i = at;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() ? text.charAt(i) : 0;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}

package passrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CPU profile in async-profiler's collapsed form ({@code frame;frame;...;top count} per line, roots
 * first), summed two ways: by what the time was spent for (the first matching category from the root
 * down, so signing counts as signing wherever it is called from) and by the top frame (self time).
 */
public final class CollapsedProfile {
    /** Categories in the order they are tried; the first whose marker appears in a stack takes its samples. */
    private static final List<Map.Entry<String, String>> CATEGORIES = List.of(
            Map.entry("request signing (MessageSigner.sign)", "passrelay/alipay/MessageSigner.sign"),
            Map.entry("response verification (MessageVerifier.verify)", "passrelay/alipay/MessageVerifier.verify"),
            Map.entry("response reading, decryption, classification", "passrelay/alipay/ResponseReader"),
            Map.entry("JSON (Jackson)", "com/fasterxml/jackson"),
            Map.entry("HTTP client (java.net.http)", "jdk/internal/net/http"),
            Map.entry("Kafka producer", "org/apache/kafka/clients/producer"),
            Map.entry("Kafka consumer", "org/apache/kafka/clients/consumer"),
            Map.entry("metrics (Micrometer)", "io/micrometer"),
            Map.entry("logging", "ch/qos/logback"),
            Map.entry("event loop: lanes, policy, outcomes", "passrelay/"),
            Map.entry("JIT compiler", "CompileBroker"),
            Map.entry("garbage collector", "GC"),
            Map.entry("garbage collector", "G1"));

    private final Map<String, Long> byCategory;
    private final Map<String, Long> bySelf;
    private final long total;

    private CollapsedProfile(Map<String, Long> byCategory, Map<String, Long> bySelf, long total) {
        this.byCategory = byCategory;
        this.bySelf = bySelf;
        this.total = total;
    }

    public static CollapsedProfile read(Path file) throws IOException {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        Map<String, Long> bySelf = new LinkedHashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(file)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).strip());
            String stack = line.substring(0, space);
            total += count;
            byCategory.merge(category(stack), count, Long::sum);
            bySelf.merge(stack.substring(stack.lastIndexOf(';') + 1), count, Long::sum);
        }
        return new CollapsedProfile(byCategory, bySelf, total);
    }

    private static String category(String stack) {
        return CATEGORIES.stream().filter(c -> stack.contains(c.getValue())).map(Map.Entry::getKey).findFirst()
                .orElse("other (JVM, kernel, threads)");
    }

    public long samples() {
        return total;
    }

    /** Share of the samples, by category, largest first. */
    public String categories() {
        return table(byCategory, Integer.MAX_VALUE);
    }

    /** The {@code rows} top frames by self time. */
    public String topFrames(int rows) {
        return table(bySelf, rows);
    }

    private String table(Map<String, Long> counts, int rows) {
        StringBuilder out = new StringBuilder();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(rows)
                .forEach(e -> out.append(String.format("| %5.1f %% | `%s` |%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey().replace('/', '.').replace("|", "\\|"))));
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        CollapsedProfile profile = read(Path.of(args[0]));
        System.out.printf("%d samples%n%s%n%s", profile.samples(), profile.categories(), profile.topFrames(15));
    }
}

package passrelay.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top frames of a JFR recording's CPU samples ({@code jdk.ExecutionSample}): by the method on top
 * of the stack (self time), and by the first frame of ours or of a library family (what the time was
 * spent for), with allocation by the top allocating frame. Usage:
 * {@code JfrTopFrames recording.jfr [rows] [threadPrefix...]}: only samples of threads whose name
 * starts with a prefix count (all threads without one).
 */
public final class JfrTopFrames {
    private JfrTopFrames() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<String> prefixes = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        System.out.print(report(file, rows, prefixes));
    }

    /** The report as text: CPU samples by top frame and by family, allocation by top frame. */
    public static String report(Path file, int rows, List<String> threadPrefixes) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> family = new HashMap<>();
        Map<String, Long> allocated = new HashMap<>();
        long samples = 0;
        long bytes = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            boolean cpu = type.equals("jdk.ExecutionSample");
            boolean allocation = type.equals("jdk.ObjectAllocationSample");
            if ((!cpu && !allocation) || !counted(event, threadPrefixes) || event.getStackTrace() == null) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (cpu) {
                samples++;
                self.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
                family.merge(family(stack), 1L, Long::sum);
            } else {
                long weight = event.getLong("weight");
                bytes += weight;
                allocated.merge(allocationSite(stack), weight, Long::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("CPU samples: %d%n", samples));
        table(out, "self (top frame)", self, samples, rows);
        table(out, "spent for (first frame by family)", family, samples, rows);
        out.append(String.format("%nallocation samples: %.1f MB in all%n", bytes / 1e6));
        table(out, "allocated at (first frame outside java.*/jdk.*)", allocated, bytes, rows);
        return out.toString();
    }

    private static boolean counted(RecordedEvent event, List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return true;
        }
        var thread = event.getThread("sampledThread") != null ? event.getThread("sampledThread") : event.getThread();
        String name = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
        return prefixes.stream().anyMatch(name::startsWith);
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts, long total, int rows) {
        out.append(String.format("%n%s%n", title));
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(rows)
                .forEach(e -> out.append(String.format("  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey())));
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** What the sample was for: the first frame of passrelay, or else of the library it is in. */
    private static String family(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("passrelay.")) {
                return frame(frame);
            }
        }
        String top = stack.getFrames().isEmpty() ? "?" : stack.getFrames().get(0).getMethod().getType().getName();
        String[] parts = top.split("\\.");
        return String.join(".", List.of(parts).subList(0, Math.min(3, parts.length - 1))) + ".*";
    }

    private static String allocationSite(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return frame(frame);
            }
        }
        return stack.getFrames().isEmpty() ? "?" : frame(stack.getFrames().get(0));
    }
}

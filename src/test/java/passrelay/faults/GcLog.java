package passrelay.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pauses of a {@code -Xlog:gc:file=...:uptime} log: when, what, and the heap after each, in MB. */
record GcLog(List<GcLog.Pause> pauses) {
    private static final Pattern PAUSE = Pattern.compile(
            "\\[(\\d+[.,]\\d+)s].*GC\\(\\d+\\) (Pause .*?) (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    record Pause(double uptimeSeconds, String kind, long beforeMb, long afterMb, long heapMb) {
    }

    static GcLog parse(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses.add(new Pause(Double.parseDouble(m.group(1).replace(',', '.')), m.group(2).strip(),
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
            }
        }
        return new GcLog(List.copyOf(pauses));
    }

    static GcLog read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    /** The pauses between {@code from} and {@code to} seconds of uptime. */
    List<Pause> between(double from, double to) {
        return pauses.stream().filter(p -> p.uptimeSeconds() >= from && p.uptimeSeconds() < to).toList();
    }

    /** The largest heap after GC among {@code pauses}; 0 when there are none. */
    static long maxAfter(List<Pause> pauses) {
        return pauses.stream().mapToLong(Pause::afterMb).max().orElse(0);
    }

    /** The smallest heap after GC among {@code pauses} (the live set, about); 0 when there are none. */
    static long minAfter(List<Pause> pauses) {
        return pauses.stream().mapToLong(Pause::afterMb).min().orElse(0);
    }

    /** The median heap after GC among {@code pauses}; 0 when there are none. */
    static long medianAfter(List<Pause> pauses) {
        long[] sorted = pauses.stream().mapToLong(Pause::afterMb).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    long fullCollections() {
        return pauses.stream().filter(p -> p.kind().startsWith("Pause Full")).count();
    }
}

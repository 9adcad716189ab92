package passrelay.replay;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;

/** What a replay run did: records read, replayed (or that would be, in a dry run), and skipped by reason. */
public final class ReplaySummary {
    private final boolean dryRun;
    private long read;
    private long replayed;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);

    ReplaySummary(boolean dryRun) {
        this.dryRun = dryRun;
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, 0L);
        }
    }

    void read() {
        read++;
    }

    void replayed() {
        replayed++;
    }

    void skipped(SkipReason reason) {
        skipped(reason, 1);
    }

    void skipped(SkipReason reason, long count) {
        skipped.merge(reason, count, Long::sum);
    }

    long readCount() {
        return read;
    }

    long replayedCount() {
        return replayed;
    }

    long skippedCount(SkipReason reason) {
        return skipped.get(reason);
    }

    /** One line while it runs: how far it is, out of {@code toRead} offsets at most. */
    String progress(long toRead) {
        return String.format("progress: read %,d of at most %,d, %s %,d, skipped %,d", read, toRead, replayedLabel(),
                replayed, skipped.entrySet().stream().filter(entry -> entry.getKey() != SkipReason.LIMIT)
                        .mapToLong(Map.Entry::getValue).sum());
    }

    public void print(PrintStream out) {
        out.println(dryRun ? "summary (dry run: nothing published, nothing committed):" : "summary:");
        out.printf("  read          %,d%n", read);
        out.printf("  %-13s %,d%n", replayedLabel(), replayed);
        out.println("  skipped:");
        skipped.forEach((reason, count) -> out.printf("    %-30s %,d%n", reason.label(), count));
    }

    private String replayedLabel() {
        return dryRun ? "would replay" : "replayed";
    }
}

package passrelay.replay;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Prints a progress line every {@value #EVERY_RECORDS} records read or every two seconds, whichever comes first. */
final class ReplayProgress {
    static final int EVERY_RECORDS = 1_000;
    static final Duration EVERY = Duration.ofSeconds(2);

    private final PrintStream out;
    private final Clock clock;
    private final long toRead;
    private Instant lastPrinted;
    private long readWhenPrinted;

    ReplayProgress(PrintStream out, Clock clock, long toRead) {
        this.out = out;
        this.clock = clock;
        this.toRead = toRead;
        this.lastPrinted = clock.instant();
    }

    void report(ReplaySummary summary) {
        Instant now = clock.instant();
        boolean due = summary.readCount() - readWhenPrinted >= EVERY_RECORDS
                || Duration.between(lastPrinted, now).compareTo(EVERY) >= 0;
        if (due && summary.readCount() > readWhenPrinted) {
            out.println(summary.progress(toRead));
            lastPrinted = now;
            readWhenPrinted = summary.readCount();
        }
    }
}

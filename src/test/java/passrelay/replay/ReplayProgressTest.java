package passrelay.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void shouldPrintEveryThousandRecordsRead() {
        ReplaySummary summary = new ReplaySummary(false);
        ReplayProgress progress = new ReplayProgress(out, clock, 2_500);
        for (int i = 0; i < 2_500; i++) {
            summary.read();
            if (i % 3 == 0) {
                summary.replayed();
            } else {
                summary.skipped(SkipReason.SUPERSEDED);
            }
            progress.report(summary);
        }

        assertThat(lines()).containsExactly(
                "progress: read 1,000 of at most 2,500, replayed 334, skipped 666",
                "progress: read 2,000 of at most 2,500, replayed 667, skipped 1,333");
    }

    @Test
    void shouldPrintEveryTwoSecondsWhenReadingIsSlow() {
        ReplaySummary summary = new ReplaySummary(true);
        ReplayProgress progress = new ReplayProgress(out, clock, 10);
        summary.read();
        summary.replayed();
        progress.report(summary);
        now = now.plus(Duration.ofSeconds(2));
        progress.report(summary);
        now = now.plus(Duration.ofSeconds(2));
        progress.report(summary);

        assertThat(lines()).as("once, and not again while nothing more was read")
                .containsExactly("progress: read 1 of at most 10, would replay 1, skipped 0");
    }

    @Test
    void shouldSummarizeEveryCountByReason() {
        ReplaySummary summary = new ReplaySummary(false);
        summary.read();
        summary.replayed();
        summary.read();
        summary.skipped(SkipReason.UNREADABLE_HEADERS);
        summary.skipped(SkipReason.LIMIT, 12);

        summary.print(out);

        assertThat(lines()).containsExactly(
                "summary:",
                "  read          2",
                "  replayed      1",
                "  skipped:",
                "    unreadable-headers             1",
                "    reason filter                  0",
                "    result-code filter             0",
                "    pass filter                    0",
                "    time window                    0",
                "    superseded                     0",
                "    limit (left for the next run)  12");
    }

    private String[] lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
    }
}

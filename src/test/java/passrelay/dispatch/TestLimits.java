package passrelay.dispatch;

import java.time.Duration;
import java.time.Instant;

/** Limits and names shared by the dispatcher tests. */
final class TestLimits {

    static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofMillis(1_600);
    static final Instant START = Instant.parse("2026-11-25T10:15:30Z");
    static final SourcePartition P0 = new SourcePartition("pass-updates", 0);
    static final SourcePartition P1 = new SourcePartition("pass-updates", 1);
    static final SourcePartition P2 = new SourcePartition("pass-updates", 2);

    private TestLimits() {
    }

    static DispatchLimits of(int maxInFlight, int maxBuffered, int retryMaxAttempts) {
        return new DispatchLimits(maxInFlight, maxBuffered, retryMaxAttempts, INITIAL_BACKOFF, MAX_BACKOFF);
    }
}

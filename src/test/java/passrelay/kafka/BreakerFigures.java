package passrelay.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import passrelay.event.ResultRecord;
import passrelay.testing.Await;

/** What the breaker tests measure: transitions from the worker's meters, rates and times from the topics. */
final class BreakerFigures {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private BreakerFigures() {
    }

    /** Every breaker transition the worker counted. */
    static long transitions(MeterRegistry meters) {
        return (long) meters.find("passrelay.breaker.transitions").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Transitions into the open state. */
    static long openings(MeterRegistry meters) {
        return (long) meters.find("passrelay.breaker.transitions").tag("to_state", "open").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Events per second from the first record taken in to the last result completed. */
    static double rate(List<ResultRecord> results) {
        Instant first = results.stream().map(ResultRecord::receivedAt).min(Instant::compareTo).orElseThrow();
        Instant last = results.stream().map(ResultRecord::completedAt).max(Instant::compareTo).orElseThrow();
        return results.size() * 1000.0 / Math.max(1, Duration.between(first, last).toMillis());
    }

    /** Waits until the breaker has opened {@code count} times; returns the time since {@code sinceNanos}. */
    static Duration awaitOpenings(RelayFixture fixture, long count, long sinceNanos) {
        Await.until(DEADLINE, "the breaker opens (" + count + ")", () -> openings(fixture.meters) >= count);
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }

    /** Waits until every event has a result; returns how long after {@code endNanos} that was (zero if before). */
    static Duration awaitResultsAfter(RelayFixture fixture, List<String> eventIds, long endNanos) {
        Set<String> missing = new TreeSet<>(eventIds);
        Await.until(DEADLINE, () -> missing.size() + " events without a result, e.g. "
                + missing.stream().limit(5).toList(), () -> {
                    fixture.results().forEach(result -> missing.remove(result.eventId()));
                    return missing.isEmpty();
                });
        return Duration.ofNanos(Math.max(0, System.nanoTime() - endNanos));
    }
}

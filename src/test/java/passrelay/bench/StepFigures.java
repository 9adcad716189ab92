package passrelay.bench;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a slowdown measured: AlipayHK slower from {@code up} to {@code down} — its latency stepped up, or its capacity
 * taken so that requests wait in line — with a call timeout of 2 s. Nothing else fails in these scenarios, so every
 * retry the worker schedules follows a timeout.
 *
 * @param scenario           which slowdown
 * @param mode               {@code adaptive} or {@code fixed}
 * @param calls              calls that ended from the start to 3 s after the end (when calls started in it have ended)
 * @param timeouts           retries in the same stretch
 * @param minLimit           the lowest limit in it
 * @param meanLatencyMillis  the calls' mean duration in it, as the worker timed them
 * @param outcomesPerSecond  final outcomes published per second during the slowdown
 * @param recoveryMillis     from the end to the limit at 90 % of the maximum or more (0 if it never dropped)
 */
record StepFigures(String scenario, String mode, double calls, double timeouts, double minLimit,
                   double meanLatencyMillis, double outcomesPerSecond, OptionalLong recoveryMillis, ResultsOrder order,
                   long overlaps) {
    static final long DRAIN_MILLIS = 3_000;

    static StepFigures of(String scenario, String mode, Timeline timeline, long up, long down, ResultsOrder order,
                          long overlaps) {
        List<Timeline.Sample> step = timeline.between(up, down + DRAIN_MILLIS);
        Timeline.Sample first = step.get(0);
        Timeline.Sample last = step.get(step.size() - 1);
        List<Timeline.Sample> during = timeline.between(up, down);
        Timeline.Sample start = during.get(0);
        Timeline.Sample end = during.get(during.size() - 1);
        double seconds = (end.millis() - start.millis()) / 1e3;
        double minLimit = step.stream().mapToDouble(Timeline.Sample::limit).min().orElse(0);
        double full = 0.9 * AdaptiveBenchmark.MAX_IN_FLIGHT;
        double calls = last.calls() - first.calls();
        return new StepFigures(scenario, mode, calls, last.retries() - first.retries(), minLimit,
                calls == 0 ? 0 : 1e3 * (last.callSeconds() - first.callSeconds()) / calls,
                (end.outcomes() - start.outcomes()) / seconds,
                minLimit >= full ? OptionalLong.of(0) : timeline.firstAfter(down, s -> s.limit() >= full), order,
                overlaps);
    }

    double timeoutShare() {
        return calls == 0 ? 0 : timeouts / calls;
    }

    boolean timeoutTargetMet() {
        return timeoutShare() < 0.001;
    }

    boolean recoveryTargetMet() {
        return recoveryMillis.isPresent() && recoveryMillis.getAsLong() <= 10_000;
    }

    @Override
    public String toString() {
        return String.format("%s, %s: %.0f calls, %.0f timeouts (%.3f %%), lowest limit %.0f, mean call %.0f ms, "
                        + "%.0f outcomes/s, back to 90 %% in %s ms, order violations %d, overlaps %d", scenario, mode,
                calls, timeouts, 100 * timeoutShare(), minLimit, meanLatencyMillis, outcomesPerSecond,
                recoveryMillis.isPresent() ? recoveryMillis.getAsLong() : "never", order.violations(), overlaps);
    }
}

package passrelay.bench;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the latency step measured: AlipayHK answering in 500 ms instead of 20 ms from {@code up} to {@code down}, the
 * call timeout 2 s. In this scenario nothing else fails, so every retry the worker schedules follows a timeout.
 *
 * @param calls          calls that ended from the step's start to 3 s after its end (when calls started in it have
 *                       ended)
 * @param timeouts       retries in the same stretch
 * @param minLimit       the lowest limit in it
 * @param callsPerSecond calls the simulator admitted per second during the step
 * @param recoveryMillis from the step's end to the limit at 90 % of the maximum or more (0 if it never dropped)
 */
record StepFigures(String mode, double calls, double timeouts, double minLimit, double callsPerSecond,
                   OptionalLong recoveryMillis, ResultsOrder order, long overlaps) {
    static final long DRAIN_MILLIS = 3_000;

    static StepFigures of(String mode, Timeline timeline, long up, long down, ResultsOrder order, long overlaps) {
        List<Timeline.Sample> step = timeline.between(up, down + DRAIN_MILLIS);
        Timeline.Sample first = step.get(0);
        Timeline.Sample last = step.get(step.size() - 1);
        List<Timeline.Sample> during = timeline.between(up, down);
        double seconds = (during.get(during.size() - 1).millis() - during.get(0).millis()) / 1e3;
        double minLimit = step.stream().mapToDouble(Timeline.Sample::limit).min().orElse(0);
        double full = 0.9 * AdaptiveBenchmark.MAX_IN_FLIGHT;
        return new StepFigures(mode, last.calls() - first.calls(), last.retries() - first.retries(), minLimit,
                (during.get(during.size() - 1).admitted() - during.get(0).admitted()) / seconds,
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
        return String.format("%s: %.0f calls, %.0f timeouts (%.3f %%), lowest limit %.0f, %.0f calls/s during the "
                        + "step, back to 90 %% in %s ms, order violations %d, overlaps %d", mode, calls, timeouts,
                100 * timeoutShare(), minLimit, callsPerSecond,
                recoveryMillis.isPresent() ? recoveryMillis.getAsLong() : "never", order.violations(), overlaps);
    }
}

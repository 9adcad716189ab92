package passrelay.bench;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the throttling scenario measured, from its timeline: throttling at Q from {@code on} to {@code off}.
 *
 * @param settledThrottledShare throttled answers among calls from 5 s after throttling began to its end
 * @param allThrottledShare     the same over the whole throttled stretch, the first seconds included
 * @param settledAfterMillis    from throttling's start to the first second from which every second until its end
 *                              had under 5 % throttled answers; empty if none
 * @param servedOfQ             requests the simulator served at once, on average, as a share of Q (settled)
 * @param inFlightOfQ           the worker's calls in flight, on average, as a share of Q (settled)
 * @param meanLimit             the worker's limit on average (settled)
 * @param callsPerSecond        calls the simulator admitted per second (settled)
 * @param recoveryMillis        from throttling's end to the limit at 90 % of the maximum or more; empty if never
 * @param throughputBackMillis  from throttling's end to the first second with at least 90 % of the calls per
 *                              second of the 5 s before throttling began; empty if never
 */
record ThrottleFigures(double settledThrottledShare, double allThrottledShare, OptionalLong settledAfterMillis,
                       double servedOfQ, double inFlightOfQ, double meanLimit, double callsPerSecond,
                       OptionalLong recoveryMillis, OptionalLong throughputBackMillis, ResultsOrder order,
                       long overlaps) {
    static final long SETTLE_MILLIS = 5_000;

    static ThrottleFigures of(Timeline timeline, long on, long off, ResultsOrder order, long overlaps) {
        List<Timeline.Sample> settled = timeline.between(on + SETTLE_MILLIS, off);
        Timeline.Sample first = settled.get(0);
        Timeline.Sample last = settled.get(settled.size() - 1);
        double seconds = (last.millis() - first.millis()) / 1e3;
        return new ThrottleFigures(throttledShare(first, last),
                throttledShare(timeline.between(on, off).get(0), last), settledAfter(timeline, on, off),
                settled.stream().mapToDouble(Timeline.Sample::served).average().orElse(0) / AdaptiveBenchmark.Q,
                settled.stream().mapToDouble(Timeline.Sample::inFlight).average().orElse(0) / AdaptiveBenchmark.Q,
                settled.stream().mapToDouble(Timeline.Sample::limit).average().orElse(0),
                (last.admitted() - first.admitted()) / seconds,
                timeline.firstAfter(off, s -> s.limit() >= 0.9 * AdaptiveBenchmark.MAX_IN_FLIGHT),
                throughputBack(timeline, on, off), order, overlaps);
    }

    /** The first one-second bin after {@code off} with 90 % of the calls per second of the 5 s before {@code on}. */
    private static OptionalLong throughputBack(Timeline timeline, long on, long off) {
        double before = callsPerSecond(timeline.between(on - SETTLE_MILLIS, on));
        for (long bin = off; bin + 1_000 <= timeline.now(); bin += 1_000) {
            if (callsPerSecond(timeline.between(bin, bin + 1_000)) >= 0.9 * before) {
                return OptionalLong.of(bin + 1_000 - off);
            }
        }
        return OptionalLong.empty();
    }

    private static double callsPerSecond(List<Timeline.Sample> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        Timeline.Sample first = samples.get(0);
        Timeline.Sample last = samples.get(samples.size() - 1);
        return (last.admitted() - first.admitted()) * 1e3 / Math.max(1, last.millis() - first.millis());
    }

    /** The targets: settled within 5 s under 5 % throttled, 0.7 Q..1.1 Q in flight, back within 10 s. */
    boolean throttledTargetMet() {
        return settledThrottledShare < 0.05 && settledAfterMillis.isPresent() && settledAfterMillis.getAsLong() <= 5_000;
    }

    /** Judged on the worker's own gauge, the in-flight an operator sees; the simulator's view is reported beside it. */
    boolean inFlightTargetMet() {
        return inFlightOfQ >= 0.7 && inFlightOfQ <= 1.1;
    }

    boolean recoveryTargetMet() {
        return recoveryMillis.isPresent() && recoveryMillis.getAsLong() <= 10_000;
    }

    private static double throttledShare(Timeline.Sample from, Timeline.Sample to) {
        long throttled = to.throttled() - from.throttled();
        long calls = throttled + to.admitted() - from.admitted();
        return calls == 0 ? 0 : (double) throttled / calls;
    }

    /** One-second bins from {@code on}: the start of the first from which every bin until {@code off} is under 5 %. */
    private static OptionalLong settledAfter(Timeline timeline, long on, long off) {
        OptionalLong since = OptionalLong.empty();
        for (long bin = on; bin + 1_000 <= off; bin += 1_000) {
            List<Timeline.Sample> in = timeline.between(bin, bin + 1_000);
            if (in.size() < 2) {
                continue;
            }
            boolean under = throttledShare(in.get(0), in.get(in.size() - 1)) < 0.05;
            if (!under) {
                since = OptionalLong.empty();
            } else if (since.isEmpty()) {
                since = OptionalLong.of(bin - on);
            }
        }
        return since;
    }

    @Override
    public String toString() {
        return String.format("throttled %.2f %% settled (%.1f %% in all), settled after %s ms, served %.2f Q, "
                        + "worker in flight %.2f Q, limit %.1f, %.0f calls/s, limit back to 90 %% in %s ms, throughput in "
                        + "%s ms, order violations %d, overlaps %d", 100 * settledThrottledShare, 100 * allThrottledShare,
                settledAfterMillis.isPresent() ? settledAfterMillis.getAsLong() : "never", servedOfQ, inFlightOfQ,
                meanLimit, callsPerSecond, recoveryMillis.isPresent() ? recoveryMillis.getAsLong() : "never",
                throughputBackMillis.isPresent() ? throughputBackMillis.getAsLong() : "never", order.violations(),
                overlaps);
    }
}

package passrelay.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The adaptive-concurrency benchmark's figures as markdown: each scenario's table, then the targets as ratios. */
final class AdaptiveReport {
    private record SteadyRun(String mode, PerfRun.Measurement measurement, ResultsOrder order, long overlaps) {
    }

    private final String machine;
    private final LocalDate date;
    private final AdaptiveBenchmark.Durations durations;
    private final List<SteadyRun> steady = new ArrayList<>();
    private final List<StepFigures> steps = new ArrayList<>();
    private ThrottleFigures throttle;

    AdaptiveReport(String machine, LocalDate date, AdaptiveBenchmark.Durations durations) {
        this.machine = machine;
        this.date = date;
        this.durations = durations;
    }

    void steady(String mode, PerfRun.Measurement measurement, ResultsOrder order, long overlaps) {
        steady.add(new SteadyRun(mode, measurement, order, overlaps));
    }

    void throttle(ThrottleFigures figures) {
        throttle = figures;
    }

    void step(StepFigures figures) {
        steps.add(figures);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Adaptive concurrency, measured %s on %s.%n%n", date, machine));
        out.append("| steady 20 ms | events/s | worker CPU per event | order violations | overlapping calls |\n"
                + "|---|--:|--:|--:|--:|\n");
        steady.forEach(run -> out.append(String.format("| %s | %,.0f | %.0f µs | %d | %d |%n", run.mode(),
                run.measurement().eventsPerSecond(), run.measurement().cpuMicrosPerEvent(), run.order().violations(),
                run.overlaps())));
        ThrottleFigures t = throttle;
        out.append(String.format("%n| throttling at Q = %d (%d ms, %d s) | value |%n|---|--:|%n",
                AdaptiveBenchmark.Q, AdaptiveBenchmark.THROTTLE_LATENCY_MS, durations.throttle().toSeconds()));
        out.append(String.format("| throttled answers from 5 s on | %.2f %% |%n", 100 * t.settledThrottledShare()));
        out.append(String.format("| throttled answers over the whole stretch | %.2f %% |%n", 100 * t.allThrottledShare()));
        out.append(String.format("| settled (every second under 5 %% throttled) after | %s |%n", ms(t.settledAfterMillis())));
        out.append(String.format("| requests served at once (simulator), mean | %.2f Q |%n", t.servedOfQ()));
        out.append(String.format("| calls in flight (worker), mean | %.2f Q |%n", t.inFlightOfQ()));
        out.append(String.format("| limit, mean | %.1f |%n", t.meanLimit()));
        out.append(String.format("| calls served per second | %,.0f (Q / latency = %,d) |%n", t.callsPerSecond(),
                AdaptiveBenchmark.Q * 1000 / AdaptiveBenchmark.THROTTLE_LATENCY_MS));
        out.append(String.format("| limit back at 90 %% of %d after throttling ends | %s |%n",
                AdaptiveBenchmark.MAX_IN_FLIGHT, ms(t.recoveryMillis())));
        out.append(String.format("| calls per second back at 90 %% of their rate before throttling | %s |%n",
                ms(t.throughputBackMillis())));
        out.append(String.format("| order violations / overlapping calls | %d / %d |%n", t.order().violations(),
                t.overlaps()));
        out.append(String.format("%n| AlipayHK slows down (from 20 ms; timeout 2 s; %d s, the overload %d s) | limit "
                        + "| calls | timeouts | share | lowest limit | mean call | outcomes/s | limit back at 90 %% "
                        + "| order violations | overlapping |%n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|%n",
                durations.step().toSeconds(), durations.throttle().toSeconds()));
        steps.forEach(s -> out.append(String.format("| %s | %s | %,.0f | %,.0f | %.3f %% | %.0f | %,.0f ms | %,.0f | %s "
                        + "| %d | %d |%n", s.scenario(), s.mode(), s.calls(), s.timeouts(), 100 * s.timeoutShare(),
                s.minLimit(), s.meanLatencyMillis(), s.outcomesPerSecond(), ms(s.recoveryMillis()),
                s.order().violations(), s.overlaps())));
        out.append("\n| target | measured | met |\n|---|--:|---|\n");
        out.append(target("throttled answers under 5 % within 5 s", String.format("%.2f %% from 5 s; settled after %s",
                100 * t.settledThrottledShare(), ms(t.settledAfterMillis())), t.throttledTargetMet()));
        out.append(target("calls in flight between 0.7 Q and 1.1 Q", String.format("%.2f Q (the worker's gauge); "
                + "%.2f Q served at once by the simulator", t.inFlightOfQ(), t.servedOfQ()), t.inFlightTargetMet()));
        StepFigures adaptiveStep = steps.stream().filter(s -> s.mode().equals("adaptive")
                && s.scenario().equals(AdaptiveBenchmark.LATENCY_STEP.name())).findFirst().orElseThrow();
        out.append(target("latency step: timeouts under 0.1 %", String.format("%.3f %%", 100 * adaptiveStep.timeoutShare()),
                adaptiveStep.timeoutTargetMet()));
        out.append(target("limit back at 90 % of the maximum within 10 s", String.format("%s after throttling (calls/s "
                        + "back in %s), %s after the step", ms(t.recoveryMillis()), ms(t.throughputBackMillis()),
                ms(adaptiveStep.recoveryMillis())), t.recoveryTargetMet() && adaptiveStep.recoveryTargetMet()));
        double fixed = mean("fixed");
        double adaptive = mean("adaptive");
        out.append(target("steady 20 ms: adaptive ≥ 95 % of fixed 256", String.format("%.1f %% (%,.0f / %,.0f events/s)",
                100 * adaptive / fixed, adaptive, fixed), adaptive >= 0.95 * fixed));
        long violations = steady.stream().mapToLong(r -> r.order().violations() + r.overlaps()).sum()
                + t.order().violations() + t.overlaps()
                + steps.stream().mapToLong(s -> s.order().violations() + s.overlaps()).sum();
        out.append(target("per-pass order and no overlapping calls throughout", violations + " violations",
                violations == 0));
        return out.toString();
    }

    private double mean(String mode) {
        return steady.stream().filter(r -> r.mode().equals(mode))
                .mapToDouble(r -> r.measurement().eventsPerSecond()).average().orElse(0);
    }

    private static String target(String what, String measured, boolean met) {
        return String.format("| %s | %s | %s |%n", what, measured, met ? "yes" : "**no**");
    }

    private static String ms(OptionalLong millis) {
        return millis.isPresent() ? String.format("%.1f s", millis.getAsLong() / 1e3) : "never";
    }
}

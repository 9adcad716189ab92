package passrelay.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import passrelay.kafka.Worker;

/** The benchmark's figures as Markdown: the runs, the crypto ceilings, and the targets as same-run ratios. */
final class PerfReport {
    private PerfReport() {
    }

    static String markdown(String machine, LocalDate date, Map<String, PerfRun.Measurement> runs,
                           CryptoCeiling.Result nativeCrypto, CryptoCeiling.Result jdkCrypto, int inFlightAt100) {
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(date).append(" on ").append(machine)
                .append(" (shared); broker, simulator and worker are separate processes on the same cores.\n\n");
        out.append("| run | signer | latency | ordering | in flight | events/s | worker CPU per event | of which JIT |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (PerfRun.Measurement m : runs.values()) {
            PerfRun.Spec s = m.spec();
            out.append(String.format("| %s | %s | %d ms | %s | %d | %,.0f | %,.0f µs | %,.0f µs |%n", s.label(),
                    s.crypto(), s.latencyMs(),
                    s.ordering() == Worker.Ordering.PER_PASS ? "per-pass lanes" : "partition-serial",
                    s.maxInFlight(), m.eventsPerSecond(), m.cpuMicrosPerEvent(), m.jitMicrosPerEvent()));
        }
        out.append("\n| crypto alone | signatures/s per core | sign + verify CPU per event | events/s, all cores |\n");
        out.append("|---|---|---|---|\n");
        for (CryptoCeiling.Result c : List.of(nativeCrypto, jdkCrypto)) {
            out.append(String.format("| %s | %,.0f | %,.0f µs | %,.0f |%n", c.crypto(), c.signsPerCoreSecond(),
                    c.signVerifyCpuMicros(), c.eventsPerSecondAllCores()));
        }
        out.append("\n| target | measured | met |\n|---|---|---|\n");
        target(out, "native signatures/s per core ≥ 3.5 × the JDK's",
                nativeCrypto.signsPerCoreSecond() / jdkCrypto.signsPerCoreSecond(), 3.5, true);
        PerfRun.Measurement saturated = runs.get("lanes-native-0ms");
        target(out, "worker CPU per event (native, 0 ms) ≤ 2.5 × native sign + verify",
                saturated.cpuMicrosPerEvent() / nativeCrypto.signVerifyCpuMicros(), 2.5, false);
        target(out, "events/s native ≥ 2.5 × jdk at 20 ms",
                rate(runs, "lanes-native-20ms") / rate(runs, "lanes-jdk-20ms"), 2.5, true);
        double limit = inFlightAt100 / 0.1;
        target(out, String.format("events/s at 100 ms, %d in flight ≥ 80 %% of %,.0f", inFlightAt100, limit),
                rate(runs, "lanes-native-100ms") / limit, 0.8, true);
        target(out, "per-pass lanes ≥ 10 × partition-serial at 100 ms",
                rate(runs, "lanes-native-100ms") / rate(runs, "serial-native-100ms"), 10, true);
        return out.toString();
    }

    private static double rate(Map<String, PerfRun.Measurement> runs, String label) {
        return runs.get(label).eventsPerSecond();
    }

    private static void target(StringBuilder out, String what, double ratio, double bound, boolean atLeast) {
        boolean met = atLeast ? ratio >= bound : ratio <= bound;
        out.append(String.format("| %s | %.2f× | %s |%n", what, ratio, met ? "yes" : "**no**"));
    }

    /** Per-pass lanes per signer, and the partition-serial baseline. */
    static List<ThroughputPlot.Series> series(Map<String, PerfRun.Measurement> runs) {
        Map<String, Map<Integer, Double>> lines = new LinkedHashMap<>();
        for (PerfRun.Measurement m : runs.values()) {
            String name = m.spec().ordering() == Worker.Ordering.PER_PASS
                    ? "lanes, " + m.spec().crypto() : "partition-serial";
            lines.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(m.spec().latencyMs(), m.eventsPerSecond());
        }
        List<ThroughputPlot.Series> series = new ArrayList<>();
        lines.forEach((name, points) -> series.add(new ThroughputPlot.Series(name, points)));
        return series;
    }
}

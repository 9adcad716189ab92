package passrelay.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.processes.BrokerProcess;
import passrelay.processes.LocalKeys;

/**
 * The fault runs of issue 9 on real processes (bench/faults.sh): a KRaft broker process, the simulator of the
 * current build, and the worker of a built jar (the current one, or {@code --worker-jar} to compare an older
 * build), through each scenario; prints one table row per scenario and exits 1 when any guarantee failed.
 *
 * <pre>
 * FaultRuns [scenario...] [--worker-jar JAR] [--label NAME] [--passes N] [--events-per-pass N] [--out DIR]
 *           [--memory-events N] [--memory-small-events N]
 * scenarios: kills broker-restart outage two-workers hostile forged (the default), memory, static-kill
 * </pre>
 */
public final class FaultRuns {
    private FaultRuns() {
    }

    public static void main(String[] args) throws Exception {
        RunOptions options = RunOptions.parse(args);
        Path dir = options.out().orElseGet(() -> tempDir());
        Files.createDirectories(dir);
        System.out.printf("fault runs, %s, %d cores, worker %s (%s); logs in %s%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), options.label(), options.workerJar(), dir);
        List<Figures> figures = new ArrayList<>();
        List<String> memory = List.of();
        try (BrokerProcess broker = BrokerProcess.format(dir.resolve("broker"))) {
            broker.start();
            LocalKeys keys = LocalKeys.generate(dir.resolve("keys"), "fault-runs", SignatureAlgorithm.RSA256);
            Bench bench = new Bench(broker, keys, options.workerJar(), Path.of("target", "passrelay.jar"), dir);
            Map<String, Scenario> scenarios = Scenarios.all();
            for (String name : options.scenarios()) {
                if (name.equals("memory")) {
                    memory = new MemoryRun(bench, options.memoryEvents(), options.memorySmallEvents()).run();
                    continue;
                }
                System.out.println("== " + name);
                Figures result = scenarios.get(name).run(bench, options.label(), options.passes(),
                        options.eventsPerPass());
                figures.add(result);
                System.out.println(Figures.HEADER);
                System.out.println(result.row());
                result.failures().forEach(failure -> System.out.println("  FAILED " + failure));
            }
        }
        report(figures, memory);
        boolean failed = figures.stream().anyMatch(f -> !f.passed())
                || memory.stream().anyMatch(line -> line.startsWith("FAILED"));
        System.exit(failed ? 1 : 0);
    }

    private static void report(List<Figures> figures, List<String> memory) {
        System.out.println();
        System.out.println(Figures.HEADER);
        figures.forEach(f -> System.out.println(f.row()));
        System.out.println();
        System.out.println("| scenario | worker | events | outcomes | re-sent calls | duplicate results | contradicting"
                + " | order violations | overlapping calls | DLT records | wall time | notes |");
        System.out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        figures.forEach(f -> System.out.println(f.markdown()));
        memory.forEach(System.out::println);
        for (Figures f : figures) {
            System.out.println(f.scenario() + ": " + (f.passed() ? "PASSED" : "FAILED"));
            f.failures().forEach(failure -> System.out.println("  " + failure));
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("passrelay-faults-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

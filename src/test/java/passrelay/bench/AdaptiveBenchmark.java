package passrelay.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.kafka.Worker;
import passrelay.processes.BrokerProcess;
import passrelay.processes.ChildJvm;
import passrelay.processes.LocalKeys;
import passrelay.processes.SimulatorProcess;

/**
 * Adaptive concurrency against a slow or throttling AlipayHK, everything a separate process as in
 * {@link PerfBenchmark}: a broker, the simulator, and each worker in a JVM of its own over a shared backlog.
 * In one invocation: a steady 20 ms with a fixed limit of 256 and the adaptive one, alternated; throttling at
 * Q = 64 switched on and off while an adaptive worker runs; a 60 s latency step from 20 ms to 500 ms with
 * {@code ALIPAYHK_TIMEOUT_MS=2000}, adaptive and fixed; and the same timeout against an overloaded AlipayHK whose
 * latency grows with the calls in flight, adaptive and fixed. Order per pass is read back from every run's results and
 * overlapping calls of a pass counted by the simulator. Usage: {@code bench/adaptive.sh [quick]}.
 */
public final class AdaptiveBenchmark {
    static final int MAX_IN_FLIGHT = 256;
    static final int Q = 64;
    static final int THROTTLE_LATENCY_MS = 40;
    static final int STEP_FROM_MS = 20;
    static final int STEP_TO_MS = 500;
    static final int CAPACITY = 32;
    static final int OVERLOAD_LATENCY_MS = 250;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private AdaptiveBenchmark() {
    }

    /** How long each part of a scenario lasts. */
    record Durations(Duration warmUp, Duration throttle, Duration step, Duration after) {
    }

    public static void main(String[] args) throws Exception {
        List<String> given = List.of(args);
        boolean quick = given.contains("quick");
        Durations durations = quick
                ? new Durations(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(15))
                : new Durations(Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(20));
        Path dir = Files.createTempDirectory("passrelay-adaptive-");
        System.out.printf("passrelay adaptive-concurrency benchmark: %s; work files in %s%n", Machine.describe(), dir);
        LocalKeys keys = LocalKeys.generate(dir.resolve("keys"), "bench-client", SignatureAlgorithm.RSA256);
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"));
             SimulatorProcess simulator = PerfBenchmark.startSimulator(keys, dir)) {
            long backlog = PerfBenchmark.produceBacklog(broker.bootstrapServers(), "adaptive-updates", 150);
            PerfRun.Bench bench = new PerfRun.Bench(broker.bootstrapServers(), simulator, "adaptive-updates",
                    PerfBenchmark.PARTITIONS, backlog, keys.workerSettings(simulator.baseUrl()), dir,
                    Duration.ofSeconds(quick ? 6 : 12), Duration.ofSeconds(quick ? 10 : 20));
            System.out.printf("backlog: %,d UPDATE events over %,d passes in %d partitions%n", backlog,
                    PerfBenchmark.PASSES, PerfBenchmark.PARTITIONS);
            AdaptiveReport report = new AdaptiveReport(Machine.describe(), LocalDate.now(), durations);
            steady(bench, report);
            throttle(bench, durations, report, 10);
            slowdown(bench, durations.step(), durations, report, 11, "adaptive", LATENCY_STEP);
            slowdown(bench, durations.step(), durations, report, 12, "fixed", LATENCY_STEP);
            slowdown(bench, durations.throttle(), durations, report, 13, "adaptive", OVERLOAD);
            slowdown(bench, durations.throttle(), durations, report, 14, "fixed", OVERLOAD);
            String text = report.markdown();
            System.out.println();
            System.out.println(text);
            Files.createDirectories(Path.of("target", "perf"));
            Files.writeString(Path.of("target", "perf", "adaptive.md"), text);
            System.out.println("report: target/perf/adaptive.md");
        }
    }

    /** Fixed 256 and adaptive at a steady 20 ms, alternated three times so that drift cancels out. */
    private static void steady(PerfRun.Bench bench, AdaptiveReport report) {
        int index = 1;
        for (int round = 0; round < 3; round++) {
            for (String mode : List.of("fixed", "adaptive")) {
                PerfRun.Measurement m = PerfRun.measure(bench.with(Map.of("PASSRELAY_CONCURRENCY", mode)),
                        new PerfRun.Spec("native", STEP_FROM_MS, Worker.Ordering.PER_PASS, MAX_IN_FLIGHT), index,
                        Optional.empty());
                ResultsOrder order = ResultsOrder.check(bench.bootstrap(), "perf-results-" + index);
                long overlaps = bench.simulator().overlappingCalls();
                System.out.printf("  steady %-8s %7.0f events/s  %6.0f µs CPU/event; order violations %d, overlaps %d%n",
                        mode, m.eventsPerSecond(), m.cpuMicrosPerEvent(), order.violations(), overlaps);
                report.steady(mode, m, order, overlaps);
                index++;
            }
        }
    }

    /** An adaptive worker at 40 ms; throttling at Q switched on after the warm-up, and off again. */
    private static void throttle(PerfRun.Bench bench, Durations durations, AdaptiveReport report, int index)
            throws Exception {
        int port = freePort();
        PerfRun.Launched launched = launch(bench, Map.of("PASSRELAY_CONCURRENCY", "adaptive"), port,
                THROTTLE_LATENCY_MS, index);
        ChildJvm worker = launched.worker();
        try (Timeline timeline = Timeline.start(bench.simulator(), port, 100)) {
            warmUp(timeline, worker, durations.warmUp());
            long on = timeline.now();
            bench.simulator().changeFaults(Map.of("maxConcurrent", Q));
            hold(worker, durations.throttle());
            long off = timeline.now();
            bench.simulator().changeFaults(Map.of("maxConcurrent", 0));
            hold(worker, durations.after());
            worker.kill();
            ThrottleFigures figures = ThrottleFigures.of(timeline, on, off, ResultsOrder.check(bench.bootstrap(),
                    launched.resultsTopic()), bench.simulator().overlappingCalls());
            System.out.println("  throttle: " + figures);
            report.throttle(figures);
        } finally {
            worker.kill();
        }
    }

    /** The latency steps from 20 to 500 ms. */
    static final Slowdown LATENCY_STEP = new Slowdown("latency step " + STEP_FROM_MS + " → " + STEP_TO_MS + " ms",
            Map.of("latencyMs", STEP_TO_MS));
    /**
     * AlipayHK serves {@value #CAPACITY} requests at once, each for {@value #OVERLOAD_LATENCY_MS} ms, the rest waiting
     * in line: its latency grows with the calls in flight, 2 s at 256.
     */
    static final Slowdown OVERLOAD = new Slowdown("overload: " + CAPACITY + " served at once, " + OVERLOAD_LATENCY_MS
            + " ms each", Map.of("latencyMs", OVERLOAD_LATENCY_MS, "capacity", CAPACITY));

    /** A way AlipayHK slows down: the simulator's faults while it lasts. */
    record Slowdown(String name, Map<String, Object> faults) {
    }

    /** A worker at 20 ms with a 2 s call timeout; AlipayHK slows down after the warm-up for {@code lasting}, then recovers. */
    private static void slowdown(PerfRun.Bench bench, Duration lasting, Durations durations, AdaptiveReport report,
                                 int index, String mode, Slowdown slowdown) throws Exception {
        int port = freePort();
        PerfRun.Launched launched = launch(bench, Map.of("PASSRELAY_CONCURRENCY", mode, "ALIPAYHK_TIMEOUT_MS", "2000"),
                port, STEP_FROM_MS, index);
        ChildJvm worker = launched.worker();
        try (Timeline timeline = Timeline.start(bench.simulator(), port, 100)) {
            warmUp(timeline, worker, durations.warmUp());
            long up = timeline.now();
            bench.simulator().changeFaults(slowdown.faults());
            hold(worker, lasting);
            long down = timeline.now();
            bench.simulator().changeFaults(Map.of("latencyMs", STEP_FROM_MS, "capacity", 0));
            hold(worker, durations.after());
            worker.kill();
            StepFigures figures = StepFigures.of(slowdown.name(), mode, timeline, up, down,
                    ResultsOrder.check(bench.bootstrap(), launched.resultsTopic()), bench.simulator().overlappingCalls());
            System.out.println("  " + figures);
            report.step(figures);
        } finally {
            worker.kill();
        }
    }

    /** A native worker with {@code settings}, its metrics on {@code port}, the simulator at {@code latencyMs}. */
    private static PerfRun.Launched launch(PerfRun.Bench bench, Map<String, String> settings, int port, int latencyMs,
                                           int index) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("PASSRELAY_HTTP_PORT", String.valueOf(port));
        return PerfRun.launch(bench.with(all),
                new PerfRun.Spec("native", latencyMs, Worker.Ordering.PER_PASS, MAX_IN_FLIGHT), index, Optional.empty());
    }

    /** Until the worker has published and then ran for {@code least}, with its limit back at the maximum. */
    private static void warmUp(Timeline timeline, ChildJvm worker, Duration least) {
        PerfRun.waitFor(DEADLINE, worker, () -> timeline.samples().stream().anyMatch(s -> s.calls() > 0), "the first call");
        hold(worker, least);
        PerfRun.waitFor(DEADLINE, worker, () -> !timeline.samples().isEmpty()
                && timeline.samples().get(timeline.samples().size() - 1).limit() >= MAX_IN_FLIGHT, "the full limit");
    }

    private static void hold(ChildJvm worker, Duration time) {
        long end = System.nanoTime() + time.toNanos();
        PerfRun.waitFor(time.plusSeconds(5), worker, () -> System.nanoTime() >= end, "the scenario's time");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

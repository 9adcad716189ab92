package passrelay.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import passrelay.demo.Topics;
import passrelay.kafka.Worker;
import passrelay.processes.ChildJvm;
import passrelay.processes.SimulatorProcess;

/**
 * One measured run: a worker process (its own consumer group, its own results topic) over the shared
 * backlog, a warm-up, then a window in which the results published and the worker's CPU time are taken.
 * Results are counted by the results topic's end offsets, so counting costs the worker nothing.
 */
final class PerfRun {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);
    private static final Duration JIT_LOOK = Duration.ofSeconds(3);
    private static final double JIT_QUIET = 0.03;

    /** What to run: signer, simulator latency, ordering and in-flight limit. */
    record Spec(String crypto, int latencyMs, Worker.Ordering ordering, int maxInFlight) {
        String label() {
            return (ordering == Worker.Ordering.PER_PASS ? "lanes" : "serial") + "-" + crypto + "-" + latencyMs + "ms";
        }
    }

    /**
     * @param cpuMicrosPerEvent the worker process's user + system CPU over the window, per result
     * @param jitMicrosPerEvent the part of it its JIT compiler threads used
     */
    record Measurement(Spec spec, double eventsPerSecond, double cpuMicrosPerEvent, double jitMicrosPerEvent, long events,
                       Duration window) {
    }

    /**
     * Where runs happen: the broker, the simulator, the backlog and the settings every worker shares.
     *
     * @param workerClassPath the workers' class path: this build's, or another's to compare with
     */
    record Bench(String bootstrap, SimulatorProcess simulator, String inputTopic, int partitions, long backlog,
                 Map<String, String> workerSettings, Path dir, Duration warmUp, Duration window, String workerClassPath) {

        Bench(String bootstrap, SimulatorProcess simulator, String inputTopic, int partitions, long backlog,
              Map<String, String> workerSettings, Path dir, Duration warmUp, Duration window) {
            this(bootstrap, simulator, inputTopic, partitions, backlog, workerSettings, dir, warmUp, window,
                    classPathOf(Path.of(".")));
        }

        /** The same bench with more worker settings. */
        Bench with(Map<String, String> settings) {
            Map<String, String> more = new HashMap<>(workerSettings);
            more.putAll(settings);
            return new Bench(bootstrap, simulator, inputTopic, partitions, backlog, more, dir, warmUp, window,
                    workerClassPath);
        }

        /** The same bench with workers from the build in {@code checkout} ({@code mvn package} run there). */
        Bench withBuild(Path checkout) {
            return new Bench(bootstrap, simulator, inputTopic, partitions, backlog, workerSettings, dir, warmUp, window,
                    classPathOf(checkout));
        }
    }

    /** A checkout's build: its dependencies (target/test-classpath.txt), classes and test classes. */
    static String classPathOf(Path checkout) {
        Path target = checkout.resolve("target");
        try {
            return String.join(java.io.File.pathSeparator, java.nio.file.Files.readString(
                    target.resolve("test-classpath.txt")).strip(), target.resolve("classes").toString(),
                    target.resolve("test-classes").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no build in " + checkout + ": run mvn -q -B package -DskipTests there",
                    e);
        }
    }

    private PerfRun() {
    }

    /** A worker process started over the bench's backlog, and the topic it publishes its results to. */
    record Launched(ChildJvm worker, String resultsTopic) {
    }

    static Measurement measure(Bench bench, Spec spec, int index, Optional<Path> profile) {
        Launched launched = launch(bench, spec, index, profile);
        String results = launched.resultsTopic();
        ChildJvm worker = launched.worker();
        try (KafkaConsumer<byte[], byte[]> counter = counter(bench.bootstrap())) {
            List<TopicPartition> partitions = counter.partitionsFor(results).stream()
                    .map(p -> new TopicPartition(results, p.partition())).collect(Collectors.toList());
            waitFor(START_DEADLINE, worker, () -> published(counter, partitions) > 0, "the first result");
            warmUp(bench.warmUp(), worker, profile.isEmpty());
            Sample start = sample(counter, partitions, worker);
            if (start.published() >= bench.backlog() / 2) {
                throw new IllegalStateException(spec.label() + ": the warm-up took " + start.published() + " of the "
                        + bench.backlog() + " events; the backlog is too small for this worker");
            }
            long windowEnd = start.nanos() + bench.window().toNanos();
            long enough = (long) (bench.backlog() * 0.95);
            waitFor(bench.window().plusSeconds(5), worker,
                    () -> System.nanoTime() >= windowEnd || published(counter, partitions) >= enough, "the window");
            Sample end = sample(counter, partitions, worker);
            if (profile.isPresent() && end.nanos() < windowEnd) {
                throw new IllegalStateException(spec.label() + ": the backlog ran out before the profile ended");
            }
            long events = end.published() - start.published();
            Duration window = Duration.ofNanos(end.nanos() - start.nanos());
            if (events <= 0) {
                throw new IllegalStateException(spec.label() + ": no results in the window; worker log "
                        + worker.output());
            }
            if (profile.isPresent()) {
                waitFor(Duration.ofSeconds(30), worker, () -> worker.outputSince(0).contains("profiler: OK")
                        || worker.outputSince(0).contains("failed"), "the profile");
            }
            return new Measurement(spec, events / (window.toNanos() / 1e9),
                    (end.cpuNanos() - start.cpuNanos()) / 1e3 / events,
                    (end.compilerNanos() - start.compilerNanos()) / 1e3 / events, events, window);
        } finally {
            worker.kill();
        }
    }

    /** A clean simulator at the spec's latency, then a worker over the backlog in a group and results topic of its own. */
    static Launched launch(Bench bench, Spec spec, int index, Optional<Path> profile) {
        String results = "perf-results-" + index;
        Topics.create(bench.bootstrap(), Map.of(results, bench.partitions(), "perf-dlt-" + index, 1));
        bench.simulator().reset();
        bench.simulator().changeFaults(Map.of("latencyMs", spec.latencyMs()));
        Map<String, String> env = new HashMap<>(bench.workerSettings());
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bench.bootstrap(), "PASSRELAY_GROUP_ID", "perf-" + index,
                "PASSRELAY_INPUT_TOPIC", bench.inputTopic(), "PASSRELAY_RESULTS_TOPIC", results,
                "PASSRELAY_DLT_TOPIC", "perf-dlt-" + index, "PASSRELAY_MAX_IN_FLIGHT", String.valueOf(spec.maxInFlight()),
                "PASSRELAY_CRYPTO", spec.crypto(),
                "PASSRELAY_HTTP_PORT", bench.workerSettings().getOrDefault("PASSRELAY_HTTP_PORT", "0")));
        List<String> args = new ArrayList<>(List.of("-Xmx512m"));
        String extra = System.getProperty("bench.workerJvmArgs", "").strip(); // e.g. a diagnostic flag
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        if (profile.isPresent()) { // set at start, so that starting the profiler later recompiles nothing
            args.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        }
        args.addAll(List.of("-Dlogback.configurationFile=logback.xml", "-cp", bench.workerClassPath(),
                BenchWorker.class.getName(), spec.ordering().name()));
        profile.ifPresent(file -> args.addAll(List.of(file.toString(), String.valueOf(bench.warmUp().toSeconds()),
                String.valueOf(bench.window().toSeconds()))));
        return new Launched(ChildJvm.start(args, env, bench.dir().resolve(spec.label() + "-" + index + ".log")), results);
    }

    private record Sample(long nanos, long published, long cpuNanos, long compilerNanos) {
    }

    private static Sample sample(KafkaConsumer<byte[], byte[]> counter, List<TopicPartition> partitions, ChildJvm worker) {
        long published = published(counter, partitions);
        long cpu = worker.cpuTime().orElseThrow(() -> new IllegalStateException("the OS gives no CPU time")).toNanos();
        return new Sample(System.nanoTime(), published, cpu, CompilerThreads.cpuNanos(worker.pid()));
    }

    /**
     * At least {@code least}; then, unless the time is fixed (a profile starts at a set time), on until the JIT
     * compiler threads used under {@link #JIT_QUIET} of a core over the last {@link #JIT_LOOK}, at most
     * {@link #WARM_UP_LIMIT} in all, so that start-up and compilation drop out of the measurement.
     */
    private static void warmUp(Duration least, ChildJvm worker, boolean untilJitQuiet) {
        long start = System.nanoTime();
        waitFor(least.plusSeconds(5), worker, () -> System.nanoTime() - start >= least.toNanos(), "the warm-up");
        if (!untilJitQuiet) {
            return;
        }
        long[] last = {System.nanoTime(), CompilerThreads.cpuNanos(worker.pid())};
        waitFor(WARM_UP_LIMIT, worker, () -> {
            long now = System.nanoTime();
            if (now - last[0] < JIT_LOOK.toNanos()) {
                return now - start > WARM_UP_LIMIT.toNanos();
            }
            long jit = CompilerThreads.cpuNanos(worker.pid());
            double share = (double) (jit - last[1]) / (now - last[0]);
            last[0] = now;
            last[1] = jit;
            return share < JIT_QUIET || now - start > WARM_UP_LIMIT.toNanos();
        }, "the JIT to settle");
    }

    private static long published(KafkaConsumer<byte[], byte[]> counter, List<TopicPartition> partitions) {
        return counter.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    static void waitFor(Duration deadline, ChildJvm worker, java.util.function.BooleanSupplier condition,
                                String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (!worker.alive()) {
                throw new IllegalStateException("the worker exited waiting for " + what + ": " + worker.tail(30));
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("no " + what + " within " + deadline + ": " + worker.tail(30));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static KafkaConsumer<byte[], byte[]> counter(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}

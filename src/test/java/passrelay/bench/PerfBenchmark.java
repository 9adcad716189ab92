package passrelay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import passrelay.alipay.CryptoPreference;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.demo.SampleEvents;
import passrelay.demo.Topics;
import passrelay.kafka.Worker;
import passrelay.processes.BrokerProcess;
import passrelay.processes.LocalKeys;
import passrelay.processes.SimulatorProcess;
import passrelay.testing.PassrelayJar;

/**
 * The end-to-end benchmark, everything a separate process: a real broker, the simulator (answers
 * signed once per distinct body per second, so its RSA work does not eat the worker's CPU; our requests
 * verified), and each worker in a JVM of its own. In one invocation: the crypto ceilings, then events/s
 * and the worker's CPU per event with {@code native} and {@code jdk} signing at 0, 20 and 100 ms, and
 * per-pass lanes against the partition-serial baseline. Usage: {@code bench/perf.sh [quick]} or
 * {@code bench/perf.sh profile [native|jdk] [serial] [latencyMs]}, or {@code bench/perf.sh compare=DIR} against
 * another build.
 */
public final class PerfBenchmark {
    static final int PARTITIONS = 6;
    static final int PASSES = 2_000;
    private static final List<Integer> LATENCIES = List.of(0, 20, 100);
    /** The in-flight limit of the 100 ms runs (the target: 80 % of 128 / 100 ms). */
    private static final int IN_FLIGHT_AT_100_MS = 128;
    private static final Path PLOT = Path.of("docs", "performance", "throughput-vs-latency.png");

    private PerfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> given = List.of(args);
        boolean profile = given.contains("profile");
        boolean quick = given.contains("quick");
        Duration warmUp = Duration.ofSeconds(seconds(given, "warm-up", quick ? 6 : 12));
        Duration window = Duration.ofSeconds(seconds(given, "window", quick ? 10 : 20));
        int perPass = quick ? 40 : 150; // enough that a native worker at 0 ms does not drain it before its window
        Path dir = Files.createTempDirectory("passrelay-perf-");
        System.out.printf("passrelay benchmark: %s; work files in %s%n", Machine.describe(), dir);
        LocalKeys keys = LocalKeys.generate(dir.resolve("keys"), "bench-client", SignatureAlgorithm.RSA256);
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"));
             SimulatorProcess simulator = startSimulator(keys, dir)) {
            long backlog = produceBacklog(broker.bootstrapServers(), "perf-updates", perPass);
            PerfRun.Bench bench = new PerfRun.Bench(broker.bootstrapServers(), simulator, "perf-updates", PARTITIONS,
                    backlog, keys.workerSettings(simulator.baseUrl()), dir, warmUp, window);
            System.out.printf("backlog: %,d UPDATE events over %,d passes in %d partitions; warm-up %d s at least, then"
                            + " until the worker's JIT threads use under 3 %% of a core (60 s at most); window %d s%n"
                            + "simulator: answers signed once per distinct body and second (--cached-signatures),"
                            + " requests verified; the worker verifies every answer%n",
                    backlog, PASSES, PARTITIONS, warmUp.toSeconds(), window.toSeconds());
            Optional<Path> compareWith = given.stream().filter(arg -> arg.startsWith("compare="))
                    .map(arg -> Path.of(arg.substring("compare=".length()))).findFirst();
            if (profile) {
                profile(bench, given, dir);
            } else if (compareWith.isPresent()) {
                compare(bench, compareWith.get());
            } else {
                report(bench);
            }
        }
    }

    /** {@code profile [jdk] [latencyMs] [NAME=VALUE...]}: the settings are the worker's, to try one (e.g. a KAFKA_*). */
    private static void profile(PerfRun.Bench bench, List<String> given, Path dir) throws IOException {
        String crypto = given.contains("jdk") ? "jdk" : "native";
        Map<String, String> settings = new LinkedHashMap<>();
        given.stream().filter(arg -> arg.matches("[A-Z][A-Z0-9_]*=.*")) // a worker setting; harness options are lower case
                .forEach(arg -> settings.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1)));
        bench = bench.with(settings);
        int latency = given.stream().filter(arg -> arg.matches("\\d+")).map(Integer::parseInt).findFirst().orElse(0);
        Path file = dir.resolve("profile-" + crypto + "-" + latency + "ms.collapsed");
        Worker.Ordering ordering = given.contains("serial") ? Worker.Ordering.PER_PARTITION : Worker.Ordering.PER_PASS;
        PerfRun.Measurement m = PerfRun.measure(bench, new PerfRun.Spec(crypto, latency, ordering, 256), 0,
                Optional.of(file));
        CollapsedProfile profile = CollapsedProfile.read(file);
        System.out.printf("%n%s: %.0f events/s, %.0f µs CPU per event; %,d CPU samples (1 ms) of the worker, in %s%n%n"
                        + "| share | spent for |%n|---|---|%n%s%n| share | top frame (self) |%n|---|---|%n%s",
                m.spec().label(), m.eventsPerSecond(), m.cpuMicrosPerEvent(), profile.samples(), file,
                profile.categories(), profile.topFrames(15));
    }

    /**
     * {@code compare=DIR}: this build's worker against the one built in DIR (another checkout, {@code mvn package}
     * run there), native signing at 20 ms, alternated three times in one invocation so that drift cancels out.
     */
    private static void compare(PerfRun.Bench bench, Path other) {
        Map<String, List<PerfRun.Measurement>> runs = new LinkedHashMap<>();
        int index = 1;
        for (int round = 0; round < 3; round++) {
            for (String build : List.of("this build", other.toString())) {
                PerfRun.Bench which = build.equals("this build") ? bench : bench.withBuild(other);
                PerfRun.Measurement m = PerfRun.measure(which, new PerfRun.Spec("native", 20, Worker.Ordering.PER_PASS,
                        256), index++, Optional.empty());
                System.out.printf("  %-30s %7.0f events/s  %6.0f µs CPU/event%n", build, m.eventsPerSecond(),
                        m.cpuMicrosPerEvent());
                runs.computeIfAbsent(build, b -> new ArrayList<>()).add(m);
            }
        }
        List<Double> rates = runs.values().stream()
                .map(ms -> ms.stream().mapToDouble(PerfRun.Measurement::eventsPerSecond).average().orElse(0)).toList();
        List<Double> cpu = runs.values().stream()
                .map(ms -> ms.stream().mapToDouble(PerfRun.Measurement::cpuMicrosPerEvent).average().orElse(0)).toList();
        System.out.printf("%nthis build: %.0f events/s, %.0f µs CPU per event; %s: %.0f events/s, %.0f µs; "
                        + "events/s ratio %.3f, CPU per event ratio %.3f%n", rates.get(0), cpu.get(0), other,
                rates.get(1), cpu.get(1), rates.get(0) / rates.get(1), cpu.get(0) / cpu.get(1));
    }

    private static void report(PerfRun.Bench bench) throws Exception {
        Duration ceilingTime = Duration.ofSeconds(bench.window().toSeconds() / 4 + 2);
        CryptoCeiling.Result nativeCeiling = CryptoCeiling.measure(CryptoPreference.NATIVE, ceilingTime);
        CryptoCeiling.Result jdkCeiling = CryptoCeiling.measure(CryptoPreference.JDK, ceilingTime);
        List<PerfRun.Spec> specs = new ArrayList<>();
        for (int latency : LATENCIES) {
            int inFlight = latency == 100 ? IN_FLIGHT_AT_100_MS : 256;
            specs.add(new PerfRun.Spec("native", latency, Worker.Ordering.PER_PASS, inFlight));
            specs.add(new PerfRun.Spec("jdk", latency, Worker.Ordering.PER_PASS, inFlight));
        }
        specs.add(new PerfRun.Spec("native", 20, Worker.Ordering.PER_PARTITION, 256));
        specs.add(new PerfRun.Spec("native", 100, Worker.Ordering.PER_PARTITION, IN_FLIGHT_AT_100_MS));
        Map<String, PerfRun.Measurement> runs = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            PerfRun.Measurement m = PerfRun.measure(bench, specs.get(i), i + 1, Optional.empty());
            System.out.printf("  %-20s %7.0f events/s  %6.0f µs CPU/event, %4.0f of it JIT  (%,d events in %.1f s)%n",
                    m.spec().label(), m.eventsPerSecond(), m.cpuMicrosPerEvent(), m.jitMicrosPerEvent(), m.events(),
                    m.window().toMillis() / 1e3);
            runs.put(m.spec().label(), m);
        }
        String text = PerfReport.markdown(Machine.describe(), LocalDate.now(), runs, nativeCeiling, jdkCeiling,
                IN_FLIGHT_AT_100_MS);
        System.out.println();
        System.out.println(text);
        Files.createDirectories(Path.of("target", "perf"));
        Files.writeString(Path.of("target", "perf", "report.md"), text);
        ThroughputPlot.write(PLOT, "passrelay: events/s against AlipayHK latency (" + Machine.cores() + " cores)",
                LATENCIES, PerfReport.series(runs));
        System.out.println("plot: " + PLOT + "; report: target/perf/report.md");
    }

    /**
     * The built jar's simulator for a benchmark: it verifies every request, signs each distinct answer once per second
     * (so its RSA work spares the worker's CPU) and keeps no arrivals.
     */
    static SimulatorProcess startSimulator(LocalKeys keys, Path dir) {
        List<String> flags = new ArrayList<>(keys.simulatorFlags());
        flags.addAll(List.of("--cached-signatures", "--max-arrivals", "0", "--worker-threads", "4"));
        return SimulatorProcess.start(PassrelayJar.JAR, List.of("-Xmx512m"), flags, dir.resolve("simulator.log"));
    }

    /** {@code NAME=SECONDS} among the arguments, else {@code fallback}. */
    static long seconds(List<String> given, String name, long fallback) {
        String prefix = name + "=";
        return given.stream().filter(arg -> arg.startsWith(prefix))
                .map(arg -> Long.parseLong(arg.substring(prefix.length()))).findFirst().orElse(fallback);
    }

    /** {@code perPass} UPDATE events for each pass, keyed by passId; returns how many. */
    static long produceBacklog(String bootstrap, String topic, int perPass) {
        Topics.create(bootstrap, Map.of(topic, PARTITIONS));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "linger.ms", 20, "batch.size", 262_144, "compression.type", "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int seq = 1; seq <= perPass; seq++) {
                for (int p = 0; p < PASSES; p++) {
                    String passId = "bench-pass-" + p;
                    producer.send(new ProducerRecord<>(topic, passId.getBytes(StandardCharsets.UTF_8),
                            SampleEvents.event(passId, seq)));
                }
            }
            producer.flush();
        }
        return (long) PASSES * perPass;
    }
}

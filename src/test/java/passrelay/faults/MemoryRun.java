package passrelay.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.demo.SampleEvents;
import passrelay.processes.LocalKeys;
import passrelay.processes.WorkerProcess;
import passrelay.testing.Await;

/**
 * Issue 9's memory run: a backlog of {@code events} consumed by the worker at -Xmx256m with a GC log, against
 * a small backlog with the same settings in the same invocation, before and after it (the machine is shared, so
 * the large run is compared with the better of the two). Asserts no OutOfMemoryError, a flat heap after GC (after
 * a 10 % warm-up, the last third's floor, the smallest heap after a GC, at most 1.5 times the first third's or 32 MB
 * above it, whichever is more), every event answered, no dead letter, and throughput within 15 % of the small
 * run's. ECC224 on both sides and no simulator latency, so that
 * a million events take minutes, not the hour that RSA signing (about 1,100 signatures/s per core) would.
 */
final class MemoryRun {
    private static final List<String> HEAP = List.of("-Xmx256m");

    private final Bench bench;
    private final long events;
    private final long smallEvents;
    private final List<String> report = new ArrayList<>();

    MemoryRun(Bench bench, long events, long smallEvents) {
        this.bench = new Bench(bench.broker(), LocalKeys.generate(bench.dir().resolve("keys-ecc"), "memory-run",
                SignatureAlgorithm.ECC224), bench.workerJar(), bench.simulatorJar(), bench.dir());
        this.events = events;
        this.smallEvents = smallEvents;
    }

    private record Backlog(long events, double eventsPerSecond, Duration drain, GcLog gc, long results, long dead,
                           boolean outOfMemory, int exit) {
    }

    List<String> run() throws Exception {
        report.add("memory: worker at -Xmx256m, ECC224 signing both ways, simulator latency 0, 10 events per pass");
        Backlog before = backlog("memory-small", smallEvents);
        check(before);
        Backlog large = backlog("memory-large", events);
        check(large);
        Backlog after = backlog("memory-small", smallEvents);
        check(after);
        Backlog small = before.eventsPerSecond() >= after.eventsPerSecond() ? before : after;
        double ratio = large.eventsPerSecond() / small.eventsPerSecond();
        report.add(String.format("memory: throughput %,d-event backlog %.0f events/s, %,d-event backlog %.0f events/s"
                + " (%.0f %%)", small.events(), small.eventsPerSecond(), large.events(), large.eventsPerSecond(),
                ratio * 100));
        if (ratio < 0.85) {
            report.add("FAILED memory: the large backlog's throughput is more than 15 % below the small one's");
        }
        report.forEach(System.out::println);
        return report;
    }

    private Backlog backlog(String name, long count) throws Exception {
        String tag = name + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        long passes = Math.max(1, count / 10);
        try (Rig rig = Rig.open(bench, tag, List.of("--max-arrivals", "0", "--worker-threads", "4"))) {
            long producing = System.nanoTime();
            rig.publish(count, n -> {
                String passId = tag + "-pass-" + (n % passes);
                return new ProducerRecord<>(rig.inputTopic(), passId.getBytes(StandardCharsets.UTF_8),
                        SampleEvents.event(passId, (int) (n / passes) + 1));
            });
            System.out.printf("%s: %,d events published in %.1f s%n", name, count,
                    (System.nanoTime() - producing) / 1e9);
            Path gcLog = bench.dir().resolve(tag + "-gc.log");
            List<String> jvm = new ArrayList<>(HEAP);
            jvm.add("-Xlog:gc:file=" + gcLog + ":uptime");
            WorkerProcess worker = rig.startWorker(jvm, Map.of("ALIPAYHK_TIMEOUT_MS", "8000"));
            long start = System.nanoTime();
            Await.until(Duration.ofHours(2), () -> name + ": backlog not drained, uncommitted " + rig.uncommitted(),
                    () -> worker.alive() && rig.uncommitted() == 0);
            Duration drain = Duration.ofNanos(System.nanoTime() - start);
            long[] outcomes = rig.outcomeRecordCounts();
            int exit = worker.stop(Duration.ofSeconds(90)).orElse(-1);
            boolean oom = Files.readString(worker.output()).contains("OutOfMemoryError");
            return new Backlog(count, count / (drain.toNanos() / 1e9), drain, GcLog.read(gcLog), outcomes[0],
                    outcomes[1], oom, exit);
        }
    }

    private void check(Backlog run) {
        GcLog gc = run.gc();
        double end = gc.pauses().isEmpty() ? 0 : gc.pauses().get(gc.pauses().size() - 1).uptimeSeconds();
        double third = end * 0.9 / 3;
        List<GcLog.Pause> first = gc.between(end * 0.1, end * 0.1 + third);
        List<GcLog.Pause> middle = gc.between(end * 0.1 + third, end * 0.1 + 2 * third);
        List<GcLog.Pause> last = gc.between(end * 0.1 + 2 * third, end + 1);
        report.add(String.format("memory: %,d events drained in %.0f s (%.0f events/s); %d GC pauses (%d full); heap"
                + " after GC, min/median/max per third after a 10 %% warm-up: start %s, middle %s, end %s MB;"
                + " max %d MB of %d MB", run.events(), run.drain().toMillis() / 1000.0, run.eventsPerSecond(),
                gc.pauses().size(), gc.fullCollections(), spread(first), spread(middle), spread(last),
                GcLog.maxAfter(gc.pauses()), gc.pauses().stream().mapToLong(GcLog.Pause::heapMb).max().orElse(0)));
        if (run.outOfMemory()) {
            report.add("FAILED memory: OutOfMemoryError in the worker's output (" + run.events() + " events)");
        }
        if (run.exit() != 0) {
            report.add("FAILED memory: the worker did not drain to exit 0 on SIGTERM, exit " + run.exit());
        }
        if (run.results() < run.events() || run.dead() > 0) {
            report.add("FAILED memory: " + run.results() + " results and " + run.dead() + " dead letters for "
                    + run.events() + " events");
        }
        long startFloor = GcLog.minAfter(first);
        if (GcLog.minAfter(last) > Math.max(startFloor * 1.5, startFloor + 32)) {
            report.add("FAILED memory: heap after GC grows: floor " + startFloor + " MB in the first third, "
                    + GcLog.minAfter(last) + " MB in the last");
        }
    }

    private static String spread(List<GcLog.Pause> pauses) {
        return GcLog.minAfter(pauses) + "/" + GcLog.medianAfter(pauses) + "/" + GcLog.maxAfter(pauses);
    }
}

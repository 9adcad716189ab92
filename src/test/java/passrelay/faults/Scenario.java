package passrelay.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import passrelay.processes.WorkerProcess;
import passrelay.simulator.Arrival;
import passrelay.simulator.InjectedFault;

/**
 * One fault run: a fresh simulator and topics, the workers started, the stream published, the disturbance
 * made while it runs, then everything settled (every input record committed, every event answered), the
 * workers drained with SIGTERM, and the guarantees judged by {@link Verdict}.
 */
final class Scenario {
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(15);
    static final int WARM_UP_PASSES = 100;

    /** What a scenario does to the run while it goes; returns a note for the table. */
    interface Disturbance {
        String during(Rig rig, PassStream stream) throws Exception;
    }

    private final String name;
    private final List<String> simulatorFlags;
    private final int workers;
    private final Map<String, String> workerSettings;
    private final boolean resendsAllowed;
    private final Disturbance disturbance;

    Scenario(String name, List<String> simulatorFlags, int workers, Map<String, String> workerSettings,
             boolean resendsAllowed, Disturbance disturbance) {
        this.name = name;
        this.simulatorFlags = simulatorFlags;
        this.workers = workers;
        this.workerSettings = workerSettings;
        this.resendsAllowed = resendsAllowed;
        this.disturbance = disturbance;
    }

    String name() {
        return name;
    }

    /** The usual AlipayHK of a run: 20 ms per answer, 3 % flaky U, 3 % of passes sick (U forever). */
    static List<String> realisticSimulator(String... more) {
        List<String> flags = new ArrayList<>(List.of("--latency-ms", "20", "--u-rate", "0.03",
                "--sick-pass-share", String.valueOf(PassStream.SICK_SHARE), "--seed", "9"));
        flags.addAll(List.of(more));
        return flags;
    }

    Figures run(Bench bench, String workerLabel, int passes, int eventsPerPass) throws Exception {
        String tag = name + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        PassStream stream = PassStream.plan(tag, passes, eventsPerPass);
        try (Rig rig = Rig.open(bench, tag, simulatorFlags)) {
            for (int i = 0; i < workers; i++) {
                rig.startWorker(workerSettings);
            }
            warmUp(rig, tag);
            long start = System.nanoTime();
            HostileMix hostile = disturbance instanceof HostileMix mix ? mix : null;
            if (hostile == null) {
                rig.publish(stream);
            }
            String note = disturbance.during(rig, stream);
            rig.awaitSettled(SETTLE_TIMEOUT, () -> stream.events().stream()
                    .allMatch(event -> !rig.outcomes().resultsOf(event.eventId()).isEmpty()));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            if (hostile != null) {
                hostile.stopSampling();
            }
            List<Integer> exits = rig.stopWorkers();
            List<Arrival> arrivals = rig.simulator().arrivals();
            RunDump.write(bench.dir().resolve(tag), arrivals, rig.outcomes());
            Verdict verdict = new Verdict(stream, rig.outcomes(), arrivals, resendsAllowed);
            long forged = arrivals.stream().filter(a -> a.fault().filter(f -> f == InjectedFault.FORGED_SIGNATURE
                    || f == InjectedFault.STALE_RESPONSE_TIME).isPresent()).count();
            if (simulatorFlags.contains("--forge-rate")) {
                verdict.fail("forged answers sent (none: the run proves nothing)",
                        forged == 0 ? List.of("0") : List.of());
                note += ": " + forged + " forged answers, all refused";
            }
            verdict.fail("workers that did not drain to exit 0 on SIGTERM", exits.stream()
                    .filter(code -> code != 0).map(code -> "exit " + code).toList());
            long repeats = rig.simulator().repeatsWhileUnanswered();
            if (repeats > 0) {
                note += "; " + repeats + " retries while their first attempt was unanswered (timeouts)";
            }
            Set<String> hostilePositions = Set.of();
            long events = stream.events().size();
            if (hostile != null) {
                hostilePositions = hostile.positions();
                events += hostilePositions.size();
                hostile.judge(rig.outcomes(), verdict);
                note += ": " + hostile.summary();
            }
            return verdict.figures(name, workerLabel, events, rig.simulator().overlappingCalls(),
                    rig.simulator().overlappingPasses(), wall, note, hostilePositions);
        }
    }

    /**
     * One event on each of {@value #WARM_UP_PASSES} passes of their own, answered before the measured stream and
     * then forgotten (the simulator reset, their outcomes ignored): a cold simulator JVM answers its first
     * burst of calls slowly enough for the worker to time out, which is a start-up effect, not the fault under test.
     */
    private static void warmUp(Rig rig, String tag) {
        PassStream warmUp = PassStream.plan(tag + "-warmup", WARM_UP_PASSES, 3);
        rig.publish(warmUp);
        rig.awaitOutcomes(Duration.ofMinutes(5), "the warm-up is answered", () -> warmUp.events().stream()
                .allMatch(event -> !rig.outcomes().resultsOf(event.eventId()).isEmpty()));
        rig.awaitSettled(Duration.ofMinutes(5), () -> true);
        rig.outcomes().ignore(tag + "-warmup");
        rig.outcomes().forget();
        rig.simulator().reset();
    }

    /** The workers that are still running. */
    static List<WorkerProcess> live(Rig rig) {
        return rig.workers().stream().filter(WorkerProcess::alive).toList();
    }

    /** Waits until {@code share} of the stream's events have an outcome. */
    static void awaitProgress(Rig rig, PassStream stream, double share) {
        long wanted = Math.round(stream.events().size() * share);
        rig.awaitOutcomes(SETTLE_TIMEOUT, "events with an outcome reach " + wanted,
                () -> rig.outcomes().eventsWithResults() >= wanted);
    }
}

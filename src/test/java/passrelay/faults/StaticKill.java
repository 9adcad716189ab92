package passrelay.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import passrelay.event.ResultRecord;
import passrelay.processes.WorkerProcess;

/**
 * The {@code static-kill} scenario: the worker is SIGKILLed and started again twice in one stream, first as a
 * dynamic group member, then as a static one ({@code KAFKA_GROUP_INSTANCE_ID}, the same id after the restart,
 * as a container restarted in its pod keeps the pod's name). Measures the time from the kill to the first
 * outcome completed after it: the input's stall.
 */
final class StaticKill implements Scenario.Disturbance {
    static final String INSTANCE_ID = "passrelay-fault-run-0";
    private static final Map<String, String> STATIC = Map.of("KAFKA_GROUP_INSTANCE_ID", INSTANCE_ID);
    private static final Duration GAP_LIMIT = Duration.ofMinutes(3);

    @Override
    public String during(Rig rig, PassStream stream) {
        Scenario.awaitProgress(rig, stream, 0.2);
        Duration dynamic = killAndRestart(rig, Map.of());
        Scenario.awaitProgress(rig, stream, 0.45);
        // the switch: a drained worker leaves the group, then the static one joins
        int drained = Scenario.live(rig).get(0).stop(Duration.ofSeconds(90)).orElse(-1);
        rig.startWorker(STATIC);
        Scenario.awaitProgress(rig, stream, 0.6);
        Duration stat = killAndRestart(rig, STATIC);
        return String.format("SIGKILL to first new result: dynamic member %.1f s (at 20 %%), static member %.1f s"
                + " (at 60 %%); session timeout 45 s; switch drained with exit %d", seconds(dynamic), seconds(stat),
                drained);
    }

    /** SIGKILLs the live worker, starts another with {@code settings}; the time from its death to the next outcome. */
    private static Duration killAndRestart(Rig rig, Map<String, String> settings) {
        Scenario.live(rig).forEach(WorkerProcess::sigkill);
        Instant killed = Instant.now();
        rig.startWorker(settings);
        rig.awaitOutcomes(GAP_LIMIT, "an outcome completed after the kill", () -> firstAfter(rig, killed).isPresent());
        return Duration.between(killed, firstAfter(rig, killed).orElseThrow());
    }

    private static Optional<Instant> firstAfter(Rig rig, Instant killed) {
        return rig.outcomes().results().stream().map(ResultRecord::completedAt).filter(at -> at.isAfter(killed))
                .min(Comparator.naturalOrder());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}

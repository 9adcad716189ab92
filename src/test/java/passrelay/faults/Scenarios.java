package passrelay.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import passrelay.processes.WorkerProcess;
import passrelay.testing.Await;

/** The fault runs of issue 9, by name. */
final class Scenarios {
    static final int HOSTILE_RECORDS = 10_000;

    private Scenarios() {
    }

    static Map<String, Scenario> all() {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (Scenario scenario : List.of(kills(), brokerRestart(), outage(), twoWorkers(), hostile(), forged(),
                staticKill())) {
            scenarios.put(scenario.name(), scenario);
        }
        return scenarios;
    }

    /** SIGKILL of the worker at three points of the run, restarted each time. */
    static Scenario kills() {
        return new Scenario("kills", Scenario.realisticSimulator(), 1, Map.of(), true, (rig, stream) -> {
            for (double point : List.of(0.2, 0.45, 0.7)) {
                Scenario.awaitProgress(rig, stream, point);
                Scenario.live(rig).forEach(WorkerProcess::sigkill);
                rig.startWorker();
            }
            return "3 SIGKILLs at 20/45/70 % of events answered";
        });
    }

    /** SIGKILL and restart as a dynamic group member, then as a static one: how long the input stalls each time. */
    static Scenario staticKill() {
        return new Scenario("static-kill", Scenario.realisticSimulator(), 1, Map.of(), true, new StaticKill());
    }

    /** The broker stopped (SIGTERM) and, later, killed (SIGKILL), each time started again on its ports. */
    static Scenario brokerRestart() {
        return new Scenario("broker-restart", Scenario.realisticSimulator(), 1, Map.of(), true, (rig, stream) -> {
            Scenario.awaitProgress(rig, stream, 0.25);
            long restart = System.nanoTime();
            rig.bench().broker().stop();
            rig.bench().broker().start();
            long termSeconds = (System.nanoTime() - restart) / 1_000_000_000;
            Scenario.awaitProgress(rig, stream, 0.6);
            restart = System.nanoTime();
            rig.bench().broker().kill();
            rig.bench().broker().start();
            long killSeconds = (System.nanoTime() - restart) / 1_000_000_000;
            if (Scenario.live(rig).size() != 1) {
                throw new IllegalStateException("the worker did not ride through the broker restarts: "
                        + rig.workers().get(0).tail(30));
            }
            return "broker SIGTERM+start (" + termSeconds + " s) at 25 %, SIGKILL+start (" + killSeconds
                    + " s) at 60 %; worker kept running";
        });
    }

    /** AlipayHK answers HTTP 503 to everything for 30 s in the middle of the run. */
    static Scenario outage() {
        return new Scenario("outage", Scenario.realisticSimulator(), 1, Map.of(), false, (rig, stream) -> {
            Scenario.awaitProgress(rig, stream, 0.3);
            rig.simulator().outageFor(Duration.ofSeconds(30));
            long start = System.nanoTime();
            Await.until(Duration.ofSeconds(120), "the outage window ends", () -> !rig.simulator().outageActive());
            double openings = rig.workers().get(0).metric("passrelay_breaker_transitions_total", "to_state=\"open\"");
            return "30 s of HTTP 503 at 30 % (" + (System.nanoTime() - start) / 1_000_000_000 + " s); breaker opened "
                    + (long) openings + "x";
        });
    }

    /** Two workers in one group; one is killed with SIGKILL and the other takes its partitions over. */
    static Scenario twoWorkers() {
        return new Scenario("two-workers", Scenario.realisticSimulator(), 2, Map.of("KAFKA_SESSION_TIMEOUT_MS",
                "10000"), true, (rig, stream) -> {
            Scenario.awaitProgress(rig, stream, 0.4);
            rig.workers().get(0).sigkill();
            return "2 workers, one SIGKILLed at 40 % (session timeout 10 s)";
        });
    }

    /** 10,000 hostile records mixed into the valid stream. */
    static Scenario hostile() {
        return new Scenario("hostile", Scenario.realisticSimulator(), 1, Map.of(), false,
                new HostileMix(HOSTILE_RECORDS));
    }

    /** 20 % of answers forged: a signature copied from another body, or a stale Response-Time. */
    static Scenario forged() {
        // 23 % of calls fail (forged or flaky): 12 attempts, so that no healthy event spends its budget
        return new Scenario("forged", Scenario.realisticSimulator("--forge-rate", "0.2", "--forge-kind", "both"), 1,
                Map.of("PASSRELAY_RETRY_MAX_ATTEMPTS", "12"), false,
                (rig, stream) -> "20 % of answers forged (copied signature or 10-min-old Response-Time), 12 attempts");
    }
}

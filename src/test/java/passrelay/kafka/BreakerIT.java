package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.event.ResultRecord;
import passrelay.simulator.SickPasses;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

/**
 * The circuit breaker judges AlipayHK, not passes (SPEC section 4), on the real broker and the real
 * simulator: sick passes never stop healthy ones, outages dead-letter nothing, a U storm opens the
 * breaker without spending recovered passes' budgets, and our own misconfiguration holds events.
 */
@ExtendWith(KafkaBroker.class)
class BreakerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int PASSES = 300;
    private static final int EVENTS_PER_PASS = 4;
    private static final double SICK_SHARE = 0.1;

    @Test
    void shouldKeepHealthyPassesAtFullSpeedWhileTenPercentOfPassesAnswerUOnEveryTry(KafkaBroker.Endpoint kafka)
            throws Exception {
        runPoisonStream(kafka, 0, PASSES); // warm-up at full size, so that no measured run pays for JIT and connections
        StreamFigures before = runPoisonStream(kafka, 0, PASSES);
        StreamFigures poisoned = runPoisonStream(kafka, SICK_SHARE, PASSES);
        StreamFigures after = runPoisonStream(kafka, 0, PASSES); // the same stream clean again: drift cancels out
        double clean = (before.healthyRate() + after.healthyRate()) / 2;

        System.out.printf("poison: healthy events/s %.1f / %.1f without sick passes, %.1f with 10%% sick (%.2f); "
                        + "wall %d ms; breaker transitions %d; DLT records %d%n", before.healthyRate(),
                after.healthyRate(), poisoned.healthyRate(), poisoned.healthyRate() / clean, poisoned.wallMillis(),
                poisoned.transitions(), poisoned.deadLetters());
        assertThat(poisoned.healthyRate()).as("healthy events/s with sick passes vs without")
                .isGreaterThanOrEqualTo(0.9 * clean);
    }

    /** {@code passes} x 6 events, latency-bound (not CPU-bound); the share of sick passes answer U on every call. */
    private static StreamFigures runPoisonStream(KafkaBroker.Endpoint kafka, double sickShare, int passes)
            throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "poison", 6, false, sim -> sim.seed(3))) {
            fixture.set("PASSRELAY_RETRY_MAX_ATTEMPTS", "3").set("PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "50")
                    .set("PASSRELAY_RETRY_MAX_BACKOFF_MS", "200").set("PASSRELAY_MAX_IN_FLIGHT", "512")
                    .set("ALIPAYHK_TIMEOUT_MS", "5000");
            fixture.simulator().faults().latencyMs(1000);
            if (sickShare > 0) {
                fixture.simulator().faults().sickPasses(sickShare);
            }
            Map<String, Integer> perPass = WorkerIT.publish(fixture, passes, EVENTS_PER_PASS);
            Set<String> sick = perPass.keySet().stream().filter(p -> sickShare > 0 && SickPasses.chosen(p, sickShare))
                    .collect(Collectors.toSet());
            CommitAuditor auditor = CommitAuditor.start(fixture);
            long started = System.nanoTime();
            fixture.startWorker();
            List<ResultRecord> results = WorkerIT.awaitResults(fixture, WorkerIT.eventIds(perPass));
            long wallMillis = (System.nanoTime() - started) / 1_000_000;
            auditor.stop();

            var outcomes = ProcessingGuarantees.assertOneOutcomePerEvent(WorkerIT.eventIds(perPass), results, false);
            ProcessingGuarantees.assertUnknownOutcomesAreDeadLettered(outcomes, fixture.deadLetters());
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, false);
            auditor.assertNoCommitPassedAnUnpublishedRecord();
            outcomes.values().forEach(result -> assertThat(result.resultStatus())
                    .as("outcome of %s", result.eventId()).isEqualTo(sick.contains(result.passId()) ? "U" : "S"));
            assertThat(sick.size()).as("sick passes").isBetween((int) (passes * sickShare * 0.6),
                    (int) (passes * sickShare * 1.4));
            assertThat(fixture.deadLetters()).as("one dead letter per sick event")
                    .hasSize(sick.size() * EVENTS_PER_PASS);
            assertThat(BreakerFigures.transitions(fixture.meters)).as("breaker transitions").isZero();
            // the same passes in every run: those the 10 % run makes sick are left out of the clean runs' rate too
            List<ResultRecord> healthy = results.stream().filter(r -> !SickPasses.chosen(r.passId(), SICK_SHARE)).toList();
            return new StreamFigures(BreakerFigures.rate(healthy), wallMillis, BreakerFigures.transitions(fixture.meters),
                    fixture.deadLetters().size());
        }
    }

    @Test
    void shouldDeadLetterNothingThroughAnOutageOf503sAndThenOneOfTimeouts(KafkaBroker.Endpoint kafka) throws Exception {
        Duration maxWait = Duration.ofSeconds(3);
        try (RelayFixture fixture = RelayFixture.create(kafka, "outages", 3, false, sim -> sim.seed(5)
                .timeoutHold(Duration.ofMillis(1500)))) {
            // the default budget and backoff: before the breaker opens, an event fails two or three times at most
            fixture.set("PASSRELAY_RETRY_MAX_ATTEMPTS", "8").set("PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "200")
                    .set("PASSRELAY_RETRY_MAX_BACKOFF_MS", "30000").set("ALIPAYHK_TIMEOUT_MS", "500")
                    .set("PASSRELAY_BREAKER_MAX_WAIT_MS", String.valueOf(maxWait.toMillis()));
            fixture.simulator().faults().latencyMs(5);
            fixture.startWorker();
            long began = System.nanoTime();
            // 80 events/s: enough calls for half of the default window of 100 to fail within a second
            try (SteadyTraffic traffic = SteadyTraffic.start(fixture, 300, Duration.ofMillis(12))) {
                Await.until(DEADLINE, "traffic flows", () -> fixture.results().size() > 50);

                long outage503 = System.nanoTime();
                fixture.simulator().faults().outageFor(Duration.ofSeconds(30));
                Duration opened = BreakerFigures.awaitOpenings(fixture, 1, outage503);
                List<String> before503End = traffic.awaitPublishedUntil(outage503 + Duration.ofSeconds(30).toNanos());
                Duration recovered503 = BreakerFigures.awaitResultsAfter(fixture, before503End,
                        outage503 + Duration.ofSeconds(30).toNanos());

                long outageTimeouts = System.nanoTime();
                long openingsSoFar = BreakerFigures.openings(fixture.meters);
                fixture.simulator().faults().timeoutRate(1.0);
                Duration openedOnTimeouts = BreakerFigures.awaitOpenings(fixture, openingsSoFar + 1, outageTimeouts);
                Await.until(DEADLINE, "the timeout outage lasts 15 s",
                        () -> System.nanoTime() - outageTimeouts > Duration.ofSeconds(15).toNanos());
                fixture.simulator().faults().timeoutRate(0);
                long timeoutsEnd = System.nanoTime();
                List<String> beforeTimeoutsEnd = traffic.publishedSoFar();
                Duration recoveredTimeouts = BreakerFigures.awaitResultsAfter(fixture, beforeTimeoutsEnd, timeoutsEnd);
                traffic.stop();
                List<ResultRecord> results = WorkerIT.awaitResults(fixture, traffic.eventIds());
                long wallMillis = (System.nanoTime() - began) / 1_000_000;

                System.out.printf("outages: 503 opened the breaker in %d ms, all earlier events done %d ms after it "
                                + "ended; timeouts opened it in %d ms, all done %d ms after they ended; %d events; "
                                + "wall %d ms; breaker transitions %d; DLT records %d%n", opened.toMillis(),
                        recovered503.toMillis(), openedOnTimeouts.toMillis(), recoveredTimeouts.toMillis(),
                        traffic.eventIds().size(), wallMillis, BreakerFigures.transitions(fixture.meters),
                        fixture.deadLetters().size());
                assertThat(opened).as("time for 503s to open the breaker").isLessThan(Duration.ofSeconds(2));
                assertThat(openedOnTimeouts).as("time for timeouts to open the breaker")
                        .isLessThan(Duration.ofSeconds(2));
                Duration recoveryBound = maxWait.plusSeconds(5); // one longest open wait, then the backlog's drain
                assertThat(recovered503).as("completion after the 503 outage").isLessThan(recoveryBound);
                assertThat(recoveredTimeouts).as("completion after the timeout outage").isLessThan(recoveryBound);
                var outcomes = ProcessingGuarantees.assertOneOutcomePerEvent(traffic.eventIds(), results, false);
                assertThat(outcomes.values()).extracting(ResultRecord::resultStatus).containsOnly("S");
                assertThat(fixture.deadLetters()).as("records dead-lettered because of the outages").isEmpty();
                ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), traffic.perPass(), false);
            }
        }
    }

    @Test
    void shouldOpenOnAUStormAndDeadLetterNothingOfPassesThatRecover(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "u-storm", 3, sim -> sim.seed(9))) {
            fixture.set("PASSRELAY_RETRY_MAX_ATTEMPTS", "8").set("PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "200")
                    .set("PASSRELAY_RETRY_MAX_BACKOFF_MS", "30000").set("PASSRELAY_BREAKER_MAX_WAIT_MS", "4000");
            fixture.simulator().faults().latencyMs(5);
            Map<String, Integer> perPass = WorkerIT.publish(fixture, 200, 3);
            CommitAuditor auditor = CommitAuditor.start(fixture);
            fixture.simulator().faults().sickPassesFor(0.8, Duration.ofSeconds(20));
            fixture.startWorker();

            List<ResultRecord> results = WorkerIT.awaitResults(fixture, WorkerIT.eventIds(perPass));
            auditor.stop();

            long sickAnswers = fixture.simulator().allArrivals().stream()
                    .filter(a -> a.fault().map(f -> f.name().equals("SICK_PASS")).orElse(false)).count();
            System.out.printf("U storm: %d U answers, breaker transitions %d, DLT records %d%n", sickAnswers,
                    BreakerFigures.transitions(fixture.meters), fixture.deadLetters().size());
            assertThat(BreakerFigures.openings(fixture.meters)).as("times the breaker opened").isPositive();
            var outcomes = ProcessingGuarantees.assertOneOutcomePerEvent(WorkerIT.eventIds(perPass), results, false);
            assertThat(outcomes.values()).extracting(ResultRecord::resultStatus).containsOnly("S");
            assertThat(fixture.deadLetters()).as("dead letters of passes that recovered").isEmpty();
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, false);
            auditor.assertNoCommitPassedAnUnpublishedRecord();
        }
    }

    @Test
    void shouldHoldEventsWithReadinessDownWhileOurKeyIsWrongThenFinishThemOnceItIsFixed(KafkaBroker.Endpoint kafka)
            throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "wrong-key", 3, sim -> { })) {
            String rightKey = fixture.environment().get("ALIPAYHK_PRIVATE_KEY_FILE");
            fixture.set("ALIPAYHK_PRIVATE_KEY_FILE", RelayFixture.freshPrivateKey().toString());
            Map<String, Integer> perPass = WorkerIT.publish(fixture, 100, 2);
            Worker wrong = fixture.startWorker();
            Await.until(DEADLINE, "the breaker opens on INVALID_SIGNATURE", () -> BreakerFigures.openings(fixture.meters) > 0);
            Await.until(DEADLINE, "several half-open trials failed", () -> BreakerFigures.openings(fixture.meters) >= 3);

            assertThat(fixture.readiness.notReadyBecause()).hasValueSatisfying(why -> assertThat(why)
                    .contains("INVALID_SIGNATURE"));
            assertThat(fixture.results()).as("results while our key is wrong: never a final F").isEmpty();
            assertThat(fixture.deadLetters()).as("dead letters while our key is wrong").isEmpty();
            wrong.close();

            fixture.set("ALIPAYHK_PRIVATE_KEY_FILE", rightKey);
            fixture.startWorker();
            List<ResultRecord> results = WorkerIT.awaitResults(fixture, WorkerIT.eventIds(perPass));
            var outcomes = ProcessingGuarantees.assertOneOutcomePerEvent(WorkerIT.eventIds(perPass), results, false);
            assertThat(outcomes.values()).extracting(ResultRecord::resultStatus).containsOnly("S");
            assertThat(fixture.deadLetters()).isEmpty();
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, false);
        }
    }

    record StreamFigures(double healthyRate, long wallMillis, long transitions, int deadLetters) {
    }
}

package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.SampleEvents;
import passrelay.event.ResultRecord;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

@ExtendWith(KafkaBroker.class)
class WorkerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void shouldCallEveryEventOnceInOrderPerPassWhileAlipayMisbehaves(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "faults", 6, sim -> sim.seed(7))) {
            fixture.simulator().faults().latencyMs(5).uRate(0.08).http5xxRate(0.04).rateLimitRate(0.02)
                    .timeoutRate(0.005);
            Map<String, Integer> perPass = publish(fixture, 300, 8);
            CommitAuditor auditor = CommitAuditor.start(fixture);
            fixture.startWorker();

            List<ResultRecord> results = awaitResults(fixture, eventIds(perPass));
            auditor.stop();

            assertThat(fixture.simulator().allArrivals().stream().filter(a -> a.fault().isPresent()))
                    .as("calls that met an injected fault and were retried").hasSizeGreaterThan(50);
            var outcomes = ProcessingGuarantees.assertOneOutcomePerEvent(eventIds(perPass), results, false);
            ProcessingGuarantees.assertUnknownOutcomesAreDeadLettered(outcomes, fixture.deadLetters());
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, false);
            auditor.assertNoCommitPassedAnUnpublishedRecord();
            Await.until(DEADLINE, "committed offsets reach the end of every partition",
                    () -> fixture.committedOffsets().equals(endOffsetsUnchecked(fixture)));
        }
    }

    @Test
    void shouldLoseNothingWhenWorkersCrashAndJoinMidRun(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "restart", 6, sim -> sim.seed(11))) {
            fixture.simulator().faults().latencyMs(3).uRate(0.05);
            Map<String, Integer> perPass = publish(fixture, 200, 10);
            List<String> ids = eventIds(perPass);
            CommitAuditor auditor = CommitAuditor.start(fixture);
            Worker first = fixture.startWorker();
            Await.until(DEADLINE, "a quarter of the events done", () -> fixture.results().size() > ids.size() / 4);
            fixture.startWorker();
            Await.until(DEADLINE, "half of the events done", () -> fixture.results().size() > ids.size() / 2);
            first.abandon();
            Await.until(DEADLINE, "three quarters of the events done",
                    () -> fixture.results().size() > ids.size() * 3 / 4);
            fixture.startWorker(); // a restarted replica joins the group again

            List<ResultRecord> results = awaitResults(fixture, ids);
            auditor.stop();

            ProcessingGuarantees.assertOneOutcomePerEvent(ids, results, true);
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, true);
            auditor.assertNoCommitPassedAnUnpublishedRecord();
        }
    }

    @Test
    void shouldHoldEventsThroughAnOutageInsteadOfDeadLetteringThem(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "outage", 3, sim -> sim.seed(13))) {
            fixture.set("PASSRELAY_RETRY_MAX_ATTEMPTS", "3");
            fixture.simulator().faults().latencyMs(2);
            Map<String, Integer> perPass = publish(fixture, 100, 6);
            fixture.simulator().faults().outageFor(Duration.ofSeconds(4));
            fixture.startWorker();

            List<ResultRecord> results = awaitResults(fixture, eventIds(perPass));

            assertThat(fixture.simulator().allArrivals().stream().filter(a -> a.httpStatus() == 503))
                    .as("calls refused during the outage").isNotEmpty();
            var outcomes = ProcessingGuarantees.assertOneOutcomePerEvent(eventIds(perPass), results, false);
            assertThat(outcomes.values()).extracting(ResultRecord::resultStatus).containsOnly("S");
            assertThat(fixture.deadLetters()).as("records dead-lettered because of the outage").isEmpty();
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, false);
        }
    }

    @Test
    void shouldHoldOnlyTheRetriedPassWhileOthersGoOnAcrossManyPolls(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "retry-lane", 1, sim -> { })) {
            // 15 U answers with full-jitter backoffs of up to 1 s: they outlast max.poll.interval.ms many
            // times over, and (but for a chance below 1e-7) the 60 other events finishing in under 2 s
            fixture.set("PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "1000").set("PASSRELAY_RETRY_MAX_BACKOFF_MS", "1000")
                    .set("PASSRELAY_RETRY_MAX_ATTEMPTS", "20").set("KAFKA_MAX_POLL_INTERVAL_MS", "1000");
            for (int i = 0; i < 15; i++) {
                fixture.simulator().script("slow-pass", passrelay.simulator.ScriptedResponse.answer("U",
                        "UNKNOWN_EXCEPTION", "try later"));
            }
            fixture.produce("slow-pass", SampleEvents.event("slow-pass", 1));
            fixture.produce("slow-pass", SampleEvents.event("slow-pass", 2));
            Map<String, Integer> others = publish(fixture, 20, 3);
            fixture.startWorker();

            Await.until(DEADLINE, "the other passes are done", () -> fixture.results().size() >= 60);
            assertThat(fixture.results()).extracting(ResultRecord::passId).doesNotContain("slow-pass");
            Await.until(DEADLINE, "the held record ages on the partition's gauge", () -> fixture.meters
                    .find("passrelay.partition.oldest.unfinished.age").gauges().stream()
                    .mapToDouble(gauge -> gauge.value()).max().orElse(0) >= 2.0);
            Await.until(DEADLINE, "the held pass waits for a retry",
                    () -> fixture.meters.get("passrelay.retries.waiting").gauge().value() == 1.0);
            List<ResultRecord> results = awaitResults(fixture, List.of("slow-pass#1", "slow-pass#2"));

            Map<String, ResultRecord> byEvent = ProcessingGuarantees.assertOneOutcomePerEvent(
                    concat(eventIds(others), List.of("slow-pass#1", "slow-pass#2")), results, false);
            assertThat(byEvent.get("slow-pass#1").attempts()).isEqualTo(16);
            assertThat(byEvent.get("slow-pass#1").resultStatus()).isEqualTo("S");
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), Map.of("slow-pass", 2), false);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void shouldRecoverFromAnOutageEvenWhenNothingIsLeftToRetry(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "idle-recovery", 2, sim -> { })) {
            // three events cannot supply the five half-open trial calls: recovery must not wait for them
            fixture.set("PASSRELAY_RETRY_MAX_ATTEMPTS", "30");
            fixture.simulator().faults().outageUntilCleared();
            Map<String, Integer> first = publish(fixture, 3, 1);
            fixture.startWorker();
            Await.until(DEADLINE, "the circuit opens", () -> fixture.readiness.notReadyBecause()
                    .filter(why -> why.contains("circuit open")).isPresent());

            fixture.simulator().faults().clearOutage();
            awaitResults(fixture, eventIds(first));
            for (int i = 0; i < 5; i++) {
                fixture.produce("later-" + i, SampleEvents.event("later-" + i, 1));
            }
            fixture.flush();

            List<ResultRecord> results = awaitResults(fixture, concat(eventIds(first),
                    List.of("later-0#1", "later-1#1", "later-2#1", "later-3#1", "later-4#1")));
            assertThat(results).extracting(ResultRecord::resultStatus).containsOnly("S");
            assertThat(fixture.deadLetters()).isEmpty();
            Await.until(DEADLINE, "ready again", () -> fixture.readiness.notReadyBecause().isEmpty());
        }
    }

    @Test
    void shouldNeverFailAnEventForOurOwnMisconfiguration(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "our-fault", 2, sim -> { })) {
            // An answer to an unknown client is not signed over our Client-Id, so it could not be trusted: verify nothing.
            fixture.set("ALIPAYHK_CLIENT_ID", "a-client-alipayhk-does-not-know").set("ALIPAYHK_PUBLIC_KEY_FILE", "")
                    .set("PASSRELAY_RETRY_MAX_ATTEMPTS", "2");
            Map<String, Integer> perPass = publish(fixture, 5, 1);
            fixture.startWorker();

            List<ResultRecord> results = awaitResults(fixture, eventIds(perPass));

            assertThat(results).extracting(ResultRecord::resultStatus, ResultRecord::resultCode)
                    .as("held and retried, then dead-lettered as unknown: never a final F")
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("U", "INVALID_CLIENT"));
            assertThat(fixture.deadLetters()).hasSize(5);
            assertThat(fixture.readiness.notReadyBecause()).hasValueSatisfying(why -> assertThat(why)
                    .contains("INVALID_CLIENT"));
        }
    }

    @Test
    void shouldBoundWhatItHoldsInMemoryByPausingPartitions(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "backpressure", 3, sim -> { })) {
            fixture.set("PASSRELAY_MAX_BUFFERED", "60").set("PASSRELAY_MAX_IN_FLIGHT", "8")
                    .set("KAFKA_MAX_POLL_RECORDS", "20");
            fixture.simulator().faults().latencyMs(10);
            Map<String, Integer> perPass = publish(fixture, 100, 5);
            fixture.startWorker();
            double[] most = {0, 0};
            Await.until(DEADLINE, () -> "results: " + fixture.results().size(), () -> {
                most[0] = Math.max(most[0], fixture.meters.get("passrelay.records.buffered").gauge().value());
                most[1] = Math.max(most[1], fixture.meters.get("passrelay.partitions.paused").gauge().value());
                return fixture.results().size() >= 500;
            });

            ProcessingGuarantees.assertOneOutcomePerEvent(eventIds(perPass), fixture.results(), false);
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, false);
            assertThat(most[1]).as("partitions paused at some point").isPositive();
            // one poll may overshoot the bound by up to max.poll.records before the pause takes effect
            assertThat(most[0]).as("records held at most").isLessThanOrEqualTo(60 + 20);
        }
    }

    static Map<String, Integer> publish(RelayFixture fixture, int passes, int eventsPerPass) throws Exception {
        Map<String, Integer> perPass = new LinkedHashMap<>();
        for (int seq = 1; seq <= eventsPerPass; seq++) {
            for (int p = 0; p < passes; p++) {
                String passId = "pass-" + p;
                fixture.produce(passId, SampleEvents.event(passId, seq));
                perPass.put(passId, seq);
            }
        }
        fixture.flush();
        return perPass;
    }

    static List<String> eventIds(Map<String, Integer> perPass) {
        List<String> ids = new ArrayList<>();
        perPass.forEach((passId, count) -> {
            for (int seq = 1; seq <= count; seq++) {
                ids.add(SampleEvents.eventId(passId, seq));
            }
        });
        return ids;
    }

    /** Waits until every event has a results record; on timeout, names a few that have none. */
    static List<ResultRecord> awaitResults(RelayFixture fixture, List<String> eventIds) {
        java.util.Set<String> missing = new java.util.TreeSet<>(eventIds);
        Await.until(DEADLINE, () -> missing.size() + " events without a result, e.g. "
                + missing.stream().limit(10).toList(), () -> {
                    fixture.results().forEach(result -> missing.remove(result.eventId()));
                    return missing.isEmpty();
                });
        return fixture.results();
    }

    static Map<org.apache.kafka.common.TopicPartition, Long> endOffsetsUnchecked(RelayFixture fixture) {
        try {
            return fixture.endOffsets();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

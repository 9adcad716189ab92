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

            var outcomes = ProcessingGuarantees.assertOneOutcomePerEvent(eventIds(perPass), results, false);
            ProcessingGuarantees.assertUnknownOutcomesAreDeadLettered(outcomes, fixture.deadLetters());
            ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, false);
            auditor.assertNoCommitPassedAnUnpublishedRecord();
            Await.until(DEADLINE, "committed offsets reach the end of every partition",
                    () -> fixture.committedOffsets().equals(endOffsetsUnchecked(fixture)));
        }
    }

    static Map<String, Integer> publish(RelayFixture fixture, int passes, int eventsPerPass) {
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

    static List<ResultRecord> awaitResults(RelayFixture fixture, List<String> eventIds) {
        java.util.Set<String> wanted = new java.util.HashSet<>(eventIds);
        return Await.until(DEADLINE, fixture::results,
                results -> results.stream().map(ResultRecord::eventId).collect(java.util.stream.Collectors.toSet())
                        .containsAll(wanted));
    }

    static Map<org.apache.kafka.common.TopicPartition, Long> endOffsetsUnchecked(RelayFixture fixture) {
        try {
            return fixture.endOffsets();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.SampleEvents;
import passrelay.dispatch.ResumeMarks;
import passrelay.dispatch.ResumeMarksCodec;
import passrelay.event.ResultRecord;
import passrelay.simulator.ScriptedResponse;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

/**
 * A crashed worker's successor resumes from the commit's metadata (issue 9, items 1 and 2): it neither calls
 * nor publishes again what the crashed one finished, and a USED the crashed one may have sent, answered
 * PASS_USED_OCCUPIED now, ends S reconciled instead of contradicting the update that took effect.
 */
@ExtendWith(KafkaBroker.class)
class ResumeIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void shouldNotCallOrPublishAgainWhatACrashedWorkerFinishedAboveItsCommittedOffset(KafkaBroker.Endpoint kafka)
            throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "resume-skip", 1, sim -> { })) {
            // the first record's pass is held by retries, so the committed offset stays at 0 for a while
            fixture.set("PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "1000").set("PASSRELAY_RETRY_MAX_BACKOFF_MS", "1000")
                    .set("PASSRELAY_RETRY_MAX_ATTEMPTS", "30");
            List<ScriptedResponse> unknowns = new ArrayList<>(Collections.nCopies(12,
                    ScriptedResponse.answer("U", "UNKNOWN_EXCEPTION", "try later")));
            fixture.simulator().script("held", unknowns);
            fixture.produce("held", SampleEvents.event("held", 1));
            Map<String, Integer> others = WorkerIT.publish(fixture, 100, 1);
            List<String> otherIds = WorkerIT.eventIds(others);

            Worker crashing = fixture.startWorker();
            WorkerIT.awaitResults(fixture, otherIds);
            ResumeMarks marks = awaitCommittedMarks(fixture, m -> m.finished().count() >= 100);
            assertThat(fixture.results()).as("precondition: the held pass is still held").extracting(ResultRecord::passId)
                    .doesNotContain("held");
            crashing.abandon();

            fixture.startWorker();
            List<ResultRecord> results = WorkerIT.awaitResults(fixture, concat(otherIds, "held#1"));

            assertThat(marks.committedOffset()).as("committed offset at the crash").isZero();
            ProcessingGuarantees.assertOneOutcomePerEvent(concat(otherIds, "held#1"), results, false);
            others.keySet().forEach(passId -> assertThat(fixture.simulator().arrivals(passId))
                    .as("calls of %s, finished before the crash", passId).hasSize(1));
            assertThat(fixture.meters.get("passrelay.records.skipped").counter().count())
                    .as("records the successor skipped").isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void shouldReconcileAUsedThatACrashedWorkerHadAlreadySent(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "resume-used", 1, sim -> { })) {
            fixture.set("ALIPAYHK_TIMEOUT_MS", "20000");
            fixture.simulator().faults().latencyMs(15_000); // the update takes effect at once; the answer is late
            fixture.produce("used-pass", SampleEvents.event("used-pass#1",
                    SampleEvents.statusChange("used-pass", "USED", 1)));
            fixture.flush();

            Worker crashing = fixture.startWorker();
            Await.until(DEADLINE, "the crashing worker's USED reached AlipayHK",
                    () -> !fixture.simulator().arrivals("used-pass").isEmpty());
            crashing.abandon();
            fixture.simulator().faults().latencyMs(0);

            fixture.startWorker();
            List<ResultRecord> results = WorkerIT.awaitResults(fixture, List.of("used-pass#1"));

            assertThat(fixture.simulator().arrivals("used-pass")).extracting(a -> a.resultCode().orElse(""))
                    .as("the crashed worker's call, then the successor's").containsExactly("SUCCESS", "PASS_USED_OCCUPIED");
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.resultStatus()).isEqualTo("S");
                assertThat(result.reconciled()).isTrue();
                assertThat(result.resultCode()).isEqualTo("PASS_USED_OCCUPIED");
            });
        }
    }

    /** Waits until the group's commit carries resume marks that satisfy {@code wanted}. */
    private static ResumeMarks awaitCommittedMarks(RelayFixture fixture, java.util.function.Predicate<ResumeMarks> wanted)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", fixture.bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(fixture.inputTopic, 0);
            return Await.until(DEADLINE, () -> {
                try {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(fixture.groupId)
                            .partitionsToOffsetAndMetadata().get().get(partition);
                    return committed == null ? ResumeMarks.NONE
                            : ResumeMarksCodec.decode(committed.offset(), committed.metadata()).marks();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, wanted);
        }
    }

    private static List<String> concat(List<String> ids, String more) {
        List<String> all = new ArrayList<>(ids);
        all.add(more);
        return all;
    }
}

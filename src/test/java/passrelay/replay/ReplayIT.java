package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.replay.DeadLetters.FAILED_AT;
import static passrelay.replay.DeadLetters.header;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.SampleEvents;
import passrelay.event.DeadLetter;
import passrelay.testing.KafkaBroker;

/** {@code passrelay replay} against a real broker: what it republishes, how, and what it commits. */
@ExtendWith(KafkaBroker.class)
class ReplayIT {

    @Test
    void shouldRepublishKeyValueAndOriginalHeadersWithTheDeadLettersPositionAndNoDeadLetterHeaders(
            KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-copy")) {
            byte[] event = SampleEvents.event("p1", 1);
            byte[] malformed = "{\"eventId\":\"m-1\"}".getBytes(UTF_8);
            RecordMetadata first = world.deadLetter("p1", event, DeadLetters.unknownResult("SYSTEM_ERROR", FAILED_AT),
                    header("traceparent", "00-abc-01"), header("source", "ticketing"));
            RecordMetadata second = world.deadLetter(null, malformed, DeadLetters.malformed(FAILED_AT));
            RecordMetadata third = world.deadLetter("p2", SampleEvents.event("p2", 1),
                    DeadLetters.unknownResult("TIMEOUT", FAILED_AT), header(DeadLetter.REPLAY_OF, world.dltTopic + "/0/99"));

            ReplayWorld.Run run = world.replay();

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.count("read")).isEqualTo(3);
            assertThat(run.count("replayed")).isEqualTo(3);
            List<ConsumerRecord<byte[], byte[]>> input = world.input();
            assertThat(input).hasSize(3);
            ConsumerRecord<byte[], byte[]> copy = replayOf(input, world.dltTopic + "/0/" + first.offset());
            assertThat(copy.key()).isEqualTo("p1".getBytes(UTF_8));
            assertThat(copy.value()).isEqualTo(event);
            assertThat(headerNames(copy)).containsExactly("traceparent", "source", DeadLetter.REPLAY_OF);
            assertThat(text(copy.headers().lastHeader("traceparent"))).isEqualTo("00-abc-01");
            ConsumerRecord<byte[], byte[]> keyless = replayOf(input, world.dltTopic + "/0/" + second.offset());
            assertThat(keyless.key()).isNull();
            assertThat(keyless.value()).isEqualTo(malformed);
            assertThat(headerNames(keyless)).containsExactly(DeadLetter.REPLAY_OF);
            assertThat(headerNames(replayOf(input, world.dltTopic + "/0/" + third.offset())))
                    .as("the earlier replay reference is replaced, not added to").containsExactly(DeadLetter.REPLAY_OF);
            assertThat(world.committed()).isEqualTo(Map.of(0, 3L));
            assertThat(world.committed(world.group())).as("the worker's group is not touched").isEmpty();
        }
    }

    @Test
    void shouldReplayNothingTheSecondTimeButWhatWasDeadLetteredSince(KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-twice")) {
            for (int seq = 1; seq <= 3; seq++) {
                world.deadLetter("p" + seq, SampleEvents.event("p" + seq, seq), DeadLetters.unknownResult("TIMEOUT", FAILED_AT));
            }
            assertThat(world.replay().count("replayed")).isEqualTo(3);

            ReplayWorld.Run again = world.replay();

            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.count("read")).isZero();
            assertThat(again.count("replayed")).isZero();
            assertThat(world.input()).hasSize(3);

            world.deadLetter("p4", SampleEvents.event("p4", 1), DeadLetters.unknownResult("TIMEOUT", FAILED_AT));
            ReplayWorld.Run third = world.replay();

            assertThat(third.count("read")).isEqualTo(1);
            assertThat(third.count("replayed")).isEqualTo(1);
            assertThat(world.input()).extracting(record -> new String(record.key(), UTF_8))
                    .containsExactlyInAnyOrder("p1", "p2", "p3", "p4");
        }
    }

    @Test
    void shouldPublishNothingAndCommitNothingInADryRun(KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-dry")) {
            world.deadLetter("p1", SampleEvents.event("p1", 1), DeadLetters.unknownResult("SYSTEM_ERROR", FAILED_AT));
            world.deadLetter("p2", SampleEvents.event("p2", 1), DeadLetters.unknownResult("TIMEOUT", FAILED_AT));

            ReplayWorld.Run dry = world.replay("--dry-run", "--result-code", "TIMEOUT");

            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("would replay " + world.dltTopic + "/0/1 pass=p2 reason=UNKNOWN_RESULT code=TIMEOUT"
                    + " failed.at=" + FAILED_AT).doesNotContain("would replay " + world.dltTopic + "/0/0");
            assertThat(dry.count("would replay")).isEqualTo(1);
            assertThat(dry.count("result-code filter")).isEqualTo(1);
            assertThat(world.input()).isEmpty();
            assertThat(world.committed()).isEmpty();

            ReplayWorld.Run real = world.replay();

            assertThat(real.count("read")).as("the dry run moved nothing").isEqualTo(2);
            assertThat(real.count("replayed")).isEqualTo(2);
        }
    }

    @Test
    void shouldSkipRecordsWhoseHeadersAreUnreadableAndCountThem(KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-garbage")) {
            world.rawDeadLetter("p1", SampleEvents.event("p1", 1));
            Header[] garbled = DeadLetters.headers(DeadLetters.unknownResult("TIMEOUT", FAILED_AT)).toArray();
            Header[] badTime = Arrays.stream(garbled).map(h -> h.key().equals(DeadLetter.FAILED_AT)
                    ? header(DeadLetter.FAILED_AT, "yesterday") : h).toArray(Header[]::new);
            world.rawDeadLetter("p2", SampleEvents.event("p2", 1), badTime);
            world.rawDeadLetter("p3", new byte[] {0, 1, 2}, header(DeadLetter.REASON, "UNKNOWN_RESULT"),
                    header(DeadLetter.ATTEMPTS, "\u0000\u00ff"));
            world.deadLetter("p4", SampleEvents.event("p4", 1), DeadLetters.unknownResult("TIMEOUT", FAILED_AT));

            ReplayWorld.Run run = world.replay();

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.count("read")).isEqualTo(4);
            assertThat(run.count("unreadable-headers")).isEqualTo(3);
            assertThat(run.count("replayed")).isEqualTo(1);
            assertThat(world.input()).singleElement().extracting(record -> new String(record.key(), UTF_8)).isEqualTo("p4");
            assertThat(world.committed()).as("skipped records are committed too").isEqualTo(Map.of(0, 4L));
        }
    }

    @Test
    void shouldReadEveryPartitionAndCommitEach(KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-partitions", 3)) {
            for (int partition = 0; partition < 3; partition++) {
                for (int seq = 1; seq <= 2; seq++) {
                    String pass = "p" + partition + "-" + seq;
                    world.deadLetterTo(partition, pass, SampleEvents.event(pass, seq),
                            DeadLetters.unknownResult("TIMEOUT", FAILED_AT));
                }
            }

            ReplayWorld.Run run = world.replay();

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.count("replayed")).isEqualTo(6);
            assertThat(world.input()).hasSize(6);
            assertThat(world.committed()).isEqualTo(Map.of(0, 2L, 1, 2L, 2, 2L));
        }
    }

    @Test
    void shouldNotReadTheResultsTopicWhenNothingIsToBeReplayed(KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-nothing")) {
            world.deadLetter("p1", SampleEvents.event("p1", 1), DeadLetters.unknownResult("TIMEOUT", FAILED_AT));
            world.set("PASSRELAY_RESULTS_TOPIC", "no-such-results");

            ReplayWorld.Run filteredOut = world.replay("--pass-id", "p2");
            ReplayWorld.Run empty = world.replay();

            assertThat(filteredOut.exit()).as(filteredOut.toString()).isZero();
            assertThat(filteredOut.count("pass filter")).isEqualTo(1);
            assertThat(empty.exit()).as(empty.toString()).isZero();
            assertThat(empty.count("read")).isZero();
            assertThat(filteredOut.out() + empty.out()).doesNotContain("no-such-results");
        }
    }

    static ConsumerRecord<byte[], byte[]> replayOf(List<ConsumerRecord<byte[], byte[]>> records, String reference) {
        return records.stream().filter(record -> reference.equals(text(record.headers().lastHeader(DeadLetter.REPLAY_OF))))
                .findFirst().orElseThrow(() -> new AssertionError("no copy of " + reference));
    }

    static List<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
        return Arrays.stream(record.headers().toArray()).map(Header::key).toList();
    }

    static String text(Header header) {
        return header == null ? null : new String(header.value(), UTF_8);
    }
}

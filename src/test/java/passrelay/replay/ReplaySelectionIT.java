package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.replay.DeadLetters.FAILED_AT;
import static passrelay.replay.ReplayFilterTest.result;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import passrelay.demo.SampleEvents;
import passrelay.event.Json;
import passrelay.testing.KafkaBroker;

/** Which dead letters a run replays: filters, superseded passes, the limit, and the end fixed at the start. */
@ExtendWith(KafkaBroker.class)
class ReplaySelectionIT {
    private static final Instant T = FAILED_AT;

    /**
     * The same four dead letters for every filter: a (p1, SYSTEM_ERROR, T), b (p2, TIMEOUT, T+1h),
     * c (no key, malformed, passId p3 in the value, T+2h), d (p1, TIMEOUT, T+3h).
     */
    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(List.of("--reason", "MALFORMED_EVENT"), List.of("c"), "reason filter"),
                Arguments.of(List.of("--reason", "UNKNOWN_RESULT"), List.of("a", "b", "d"), "reason filter"),
                Arguments.of(List.of("--result-code", "TIMEOUT"), List.of("b", "d"), "result-code filter"),
                Arguments.of(List.of("--pass-id", "p1"), List.of("a", "d"), "pass filter"),
                Arguments.of(List.of("--pass-id", "p3"), List.of("c"), "pass filter"),
                Arguments.of(List.of("--since", T.plus(Duration.ofHours(1)).toString(), "--until",
                        T.plus(Duration.ofHours(3)).toString()), List.of("b", "c"), "time window"));
    }

    @ParameterizedTest(name = "{0} replays {1}")
    @MethodSource("filters")
    void shouldReplayOnlyWhatTheFilterChoosesAndCommitEverythingConsidered(List<String> args, List<String> chosen,
                                                                          String skipLabel, KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-filter")) {
            world.deadLetter("p1", event("a", "p1"), DeadLetters.unknownResult("SYSTEM_ERROR", T));
            world.deadLetter("p2", event("b", "p2"), DeadLetters.unknownResult("TIMEOUT", T.plus(Duration.ofHours(1))));
            world.deadLetter(null, "{\"eventId\":\"c\",\"update\":{\"passId\":\"p3\"}}".getBytes(UTF_8),
                    DeadLetters.malformed(T.plus(Duration.ofHours(2))));
            world.deadLetter("p1", event("d", "p1"), DeadLetters.unknownResult("TIMEOUT", T.plus(Duration.ofHours(3))));

            ReplayWorld.Run run = world.replay(args.toArray(String[]::new));

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(eventIds(world.input())).containsExactlyInAnyOrderElementsOf(chosen);
            assertThat(run.count("read")).isEqualTo(4);
            assertThat(run.count("replayed")).isEqualTo(chosen.size());
            assertThat(run.count(skipLabel)).isEqualTo(4 - chosen.size());
            assertThat(world.committed()).isEqualTo(Map.of(0, 4L));
            assertThat(world.replay(args.toArray(String[]::new)).count("read")).as("a second run").isZero();
        }
    }

    @Test
    void shouldSkipPassesWithALaterFinalOutcomeUnlessAskedToIncludeThem(KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-superseded")) {
            for (String pass : List.of("later-s", "later-f", "later-u", "earlier-f", "none")) {
                world.deadLetter(pass, event("e-" + pass, pass), DeadLetters.unknownResult("TIMEOUT", T));
            }
            world.result(result("later-s", "S", T.plusSeconds(1)));
            world.result(result("later-f", "F", T.plusSeconds(30)));
            world.result(result("later-u", "U", T.plusSeconds(30)));
            world.result(result("earlier-f", "F", T.minusSeconds(1)));
            world.rawResult("none", "not a results record".getBytes(UTF_8));

            ReplayWorld.Run run = world.replay();

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.count("superseded")).isEqualTo(2);
            assertThat(eventIds(world.input())).containsExactlyInAnyOrder("e-later-u", "e-earlier-f", "e-none");

            ReplayWorld.Run included = world.set("PASSRELAY_GROUP_ID", world.group() + "-again")
                    .replay("--include-superseded", "--pass-id", "later-s");

            assertThat(included.exit()).as(included.toString()).isZero();
            assertThat(included.count("superseded")).isZero();
            assertThat(included.count("replayed")).isEqualTo(1);
            assertThat(eventIds(world.input())).contains("e-later-s");
        }
    }

    @Test
    void shouldReplayAtMostTheLimitAndCommitOnlyUpToTheLastRecordConsidered(KafkaBroker.Endpoint kafka) {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-limit")) {
            world.deadLetter(null, "{}".getBytes(UTF_8), DeadLetters.malformed(T));
            for (String id : List.of("1", "2", "3", "4")) {
                world.deadLetter("p" + id, event(id, "p" + id), DeadLetters.unknownResult("TIMEOUT", T));
            }
            world.deadLetter(null, "{}".getBytes(UTF_8), DeadLetters.malformed(T));
            world.deadLetter("p5", event("5", "p5"), DeadLetters.unknownResult("TIMEOUT", T));

            ReplayWorld.Run first = world.replay("--reason", "UNKNOWN_RESULT", "--limit", "2");

            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(eventIds(world.input())).containsExactlyInAnyOrder("1", "2");
            assertThat(first.count("read")).isEqualTo(3);
            assertThat(first.count("limit (left for the next run)")).isEqualTo(4);
            assertThat(world.committed()).as("up to the 2nd replayed, offset 2").isEqualTo(Map.of(0, 3L));

            ReplayWorld.Run second = world.replay("--reason", "UNKNOWN_RESULT", "--limit", "3");

            assertThat(second.count("replayed")).isEqualTo(3);
            assertThat(second.count("reason filter")).isEqualTo(1);
            assertThat(second.count("limit (left for the next run)")).isZero();
            assertThat(eventIds(world.input())).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
            assertThat(world.committed()).isEqualTo(Map.of(0, 7L));
        }
    }

    @Test
    void shouldNotReadRecordsPublishedAfterItStarted(KafkaBroker.Endpoint kafka) throws Exception {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-end")) {
            for (int i = 0; i < 200; i++) {
                world.deadLetter("p" + i, event("before-" + i, "p" + i), DeadLetters.unknownResult("TIMEOUT", T));
            }
            AtomicBoolean replayDone = new AtomicBoolean();
            Thread publisher = new Thread(() -> {
                // Publishes until the run ends: its fetches straddle the end offsets it took at the start.
                for (int i = 0; i < 100_000 && !replayDone.get(); i++) {
                    world.deadLetter("q" + i, event("during-" + i, "q" + i), DeadLetters.unknownResult("TIMEOUT", T));
                }
            }, "dlt-publisher");
            publisher.start();
            ReplayWorld.Run run;
            try {
                run = world.replay("--include-superseded");
            } finally {
                replayDone.set(true);
                publisher.join(30_000);
            }

            assertThat(run.exit()).as(run.toString()).isZero();
            long atStart = announcedToRead(run);
            assertThat(atStart).isGreaterThanOrEqualTo(200);
            assertThat(world.readAll(world.dltTopic).size()).as("published during the run").isGreaterThan((int) atStart);
            assertThat(run.count("read")).isEqualTo(atStart);
            assertThat(run.count("replayed")).isEqualTo(atStart);
            assertThat(world.input()).hasSize((int) atStart);
            assertThat(world.committed()).isEqualTo(Map.of(0, atStart));
        }
    }

    private static long announcedToRead(ReplayWorld.Run run) {
        Matcher announced = Pattern.compile("up to its end offsets now: ([\\d,]+) records at most").matcher(run.out());
        assertThat(announced.find()).as(run.toString()).isTrue();
        return Long.parseLong(announced.group(1).replace(",", ""));
    }

    private static byte[] event(String eventId, String passId) {
        return SampleEvents.event(eventId, SampleEvents.update(passId, 1));
    }

    private static List<String> eventIds(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> {
            try {
                return Json.mapper().readTree(record.value()).get("eventId").textValue();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}

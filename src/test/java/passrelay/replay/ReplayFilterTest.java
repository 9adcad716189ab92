package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.replay.DeadLetters.FAILED_AT;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import passrelay.event.ResultRecord;
import passrelay.event.SourcePosition;

class ReplayFilterTest {
    private static final DeadLetteredRecord SYSTEM_ERROR_OF_P1 =
            DeadLetters.read("p1", DeadLetters.unknownResult("SYSTEM_ERROR", FAILED_AT));

    private static Optional<SkipReason> skip(DeadLetteredRecord record, String... args) {
        return new ReplayFilter(ReplayOptions.parse(args), SupersededIndex.empty()).skip(record);
    }

    @Test
    void shouldReplayEveryReadableDeadLetterWhenNothingIsFiltered() {
        assertThat(skip(SYSTEM_ERROR_OF_P1)).isEmpty();
        assertThat(skip(DeadLetters.read(null, DeadLetters.malformed(FAILED_AT)))).isEmpty();
    }

    @Test
    void shouldSkipARecordWithoutReadableDeadLetterHeaders() {
        RecordHeaders garbage = new RecordHeaders();
        DeadLetters.unknownResult("SYSTEM_ERROR", FAILED_AT).headers()
                .forEach((name, value) -> garbage.add(name, name.endsWith("attempts") ? new byte[] {(byte) 0xff}
                        : value.getBytes(UTF_8)));

        assertThat(skip(DeadLetters.read(0, "p1", new byte[0], garbage))).contains(SkipReason.UNREADABLE_HEADERS);
        assertThat(skip(DeadLetters.read(0, "p1", new byte[0], new RecordHeaders()))).contains(SkipReason.UNREADABLE_HEADERS);
    }

    @Test
    void shouldKeepOnlyTheAskedReason() {
        DeadLetteredRecord malformed = DeadLetters.read("p1", DeadLetters.malformed(FAILED_AT));

        assertThat(skip(malformed, "--reason", "UNKNOWN_RESULT")).contains(SkipReason.REASON_FILTER);
        assertThat(skip(SYSTEM_ERROR_OF_P1, "--reason", "UNKNOWN_RESULT")).isEmpty();
        assertThat(skip(malformed, "--reason", "MALFORMED_EVENT")).isEmpty();
    }

    @Test
    void shouldKeepOnlyTheAskedResultCodeAndSkipRecordsWithoutOne() {
        assertThat(skip(SYSTEM_ERROR_OF_P1, "--result-code", "SYSTEM_ERROR")).isEmpty();
        assertThat(skip(SYSTEM_ERROR_OF_P1, "--result-code", "TIMEOUT")).contains(SkipReason.RESULT_CODE_FILTER);
        assertThat(skip(DeadLetters.read("p1", DeadLetters.malformed(FAILED_AT)), "--result-code", "SYSTEM_ERROR"))
                .contains(SkipReason.RESULT_CODE_FILTER);
    }

    @Test
    void shouldMatchThePassByKeyOrElseByTheValuesPassId() {
        RecordHeaders headers = DeadLetters.headers(DeadLetters.malformed(FAILED_AT));
        byte[] value = "{\"eventId\":\"e\",\"update\":{\"passId\":\"p2\"}}".getBytes(UTF_8);

        assertThat(skip(SYSTEM_ERROR_OF_P1, "--pass-id", "p1")).isEmpty();
        assertThat(skip(SYSTEM_ERROR_OF_P1, "--pass-id", "p2")).contains(SkipReason.PASS_FILTER);
        assertThat(skip(DeadLetters.read(0, null, value, headers), "--pass-id", "p2")).isEmpty();
        assertThat(skip(DeadLetters.read(0, null, "not json".getBytes(UTF_8), headers), "--pass-id", "p2"))
                .contains(SkipReason.PASS_FILTER);
    }

    @Test
    void shouldKeepFailuresFromSinceInclusiveToUntilExclusive() {
        String at = FAILED_AT.toString();
        String after = FAILED_AT.plusMillis(1).toString();

        assertThat(skip(SYSTEM_ERROR_OF_P1, "--since", at)).isEmpty();
        assertThat(skip(SYSTEM_ERROR_OF_P1, "--since", after)).contains(SkipReason.TIME_WINDOW);
        assertThat(skip(SYSTEM_ERROR_OF_P1, "--until", after)).isEmpty();
        assertThat(skip(SYSTEM_ERROR_OF_P1, "--until", at)).contains(SkipReason.TIME_WINDOW);
        assertThat(skip(SYSTEM_ERROR_OF_P1, "--since", "2026-11-25T18:16:02+08:00", "--until",
                "2026-11-25T18:16:03+08:00")).isEmpty();
    }

    @Test
    void shouldSkipADeadLetterWhosePassReachedAFinalOutcomeAfterItFailed() {
        SupersededIndex index = new SupersededIndex();
        index.add(result("p1", "S", FAILED_AT.plusSeconds(5)));
        ReplayFilter filter = new ReplayFilter(ReplayOptions.parse(), index);

        assertThat(filter.skip(SYSTEM_ERROR_OF_P1)).contains(SkipReason.SUPERSEDED);
        assertThat(filter.skip(DeadLetters.read("p2", DeadLetters.unknownResult("SYSTEM_ERROR", FAILED_AT)))).isEmpty();
    }

    @Test
    void shouldReportTheFilterBeforeSupersession() {
        SupersededIndex index = new SupersededIndex();
        index.add(result("p1", "F", FAILED_AT.plus(Duration.ofDays(1))));

        assertThat(new ReplayFilter(ReplayOptions.parse("--result-code", "TIMEOUT"), index).skip(SYSTEM_ERROR_OF_P1))
                .contains(SkipReason.RESULT_CODE_FILTER);
    }

    @Test
    void shouldLoadTheResultsOnlyOnceAndOnlyWhenARecordPassesEveryFilter() {
        AtomicInteger loads = new AtomicInteger();
        ReplayFilter filter = new ReplayFilter(ReplayOptions.parse("--pass-id", "p1"), () -> {
            loads.incrementAndGet();
            return SupersededIndex.empty();
        });

        filter.skip(DeadLetters.read("p2", DeadLetters.unknownResult("SYSTEM_ERROR", FAILED_AT)));
        filter.skip(DeadLetters.read(0, "p1", new byte[0], new RecordHeaders()));
        assertThat(loads).hasValue(0);

        filter.skip(SYSTEM_ERROR_OF_P1);
        filter.skip(SYSTEM_ERROR_OF_P1);
        assertThat(loads).hasValue(1);
    }

    static ResultRecord result(String passId, String resultStatus, Instant completedAt) {
        return new ResultRecord("e-" + passId, passId, "UPDATE", resultStatus, resultStatus.equals("S") ? "SUCCESS"
                : "SYSTEM_ERROR", "", 1, false, Optional.empty(), new SourcePosition("pass-updates", 0, 1),
                completedAt.minusMillis(100), completedAt);
    }
}

package passrelay.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import passrelay.event.DecodedEvent.Malformed;

class DeadLetterTest {
    private static final SourcePosition ORIGINAL = new SourcePosition("pass-updates", 3, 1042);
    private static final Instant FAILED_AT = Instant.parse("2026-11-25T10:16:02.5Z");

    private static DeadLetter unknownResult() {
        return new DeadLetter(DeadLetterReason.UNKNOWN_RESULT, ORIGINAL, 1764065730123L,
                Optional.of("5f0c7e8a-1b9e-4c33-9a51-5b1d2f9e0a11"), Optional.of("SYSTEM_ERROR"),
                Optional.of("System error"), 8, Optional.of("java.net.http.HttpTimeoutException: request timed out"),
                FAILED_AT);
    }

    @Test
    void shouldWriteEveryHeaderOfAnUnknownResultUnderItsSpecName() {
        assertThat(unknownResult().headers()).containsExactly(
                entry("passrelay.dlt.reason", "UNKNOWN_RESULT"),
                entry("passrelay.dlt.original.topic", "pass-updates"),
                entry("passrelay.dlt.original.partition", "3"),
                entry("passrelay.dlt.original.offset", "1042"),
                entry("passrelay.dlt.original.timestamp", "1764065730123"),
                entry("passrelay.dlt.event.id", "5f0c7e8a-1b9e-4c33-9a51-5b1d2f9e0a11"),
                entry("passrelay.dlt.result.code", "SYSTEM_ERROR"),
                entry("passrelay.dlt.result.message", "System error"),
                entry("passrelay.dlt.attempts", "8"),
                entry("passrelay.dlt.error", "java.net.http.HttpTimeoutException: request timed out"),
                entry("passrelay.dlt.failed.at", "2026-11-25T10:16:02.500Z"));
        assertThat(DeadLetter.REPLAY_OF).isEqualTo("passrelay.replay.of");
    }

    @Test
    void shouldReadItsHeadersBack() {
        DeadLetter deadLetter = unknownResult();

        assertThat(DeadLetter.fromHeaders(deadLetter.headers()::get)).contains(deadLetter);
    }

    @Test
    void shouldWriteOnlyTheHeadersAMalformedRecordHas() {
        Malformed malformed = (Malformed) new EventDecoder(Optional.empty())
                .decode("{\"eventId\":\"e-1\"}".getBytes(UTF_8));

        DeadLetter deadLetter = DeadLetter.malformed(ORIGINAL, 1764065730123L, malformed, FAILED_AT);

        assertThat(deadLetter.headers()).containsOnlyKeys(DeadLetter.REASON, DeadLetter.ORIGINAL_TOPIC,
                DeadLetter.ORIGINAL_PARTITION, DeadLetter.ORIGINAL_OFFSET, DeadLetter.ORIGINAL_TIMESTAMP,
                DeadLetter.EVENT_ID, DeadLetter.ATTEMPTS, DeadLetter.ERROR, DeadLetter.FAILED_AT);
        assertThat(deadLetter.headers()).contains(entry(DeadLetter.REASON, "MALFORMED_EVENT"),
                entry(DeadLetter.EVENT_ID, "e-1"), entry(DeadLetter.ATTEMPTS, "0"),
                entry(DeadLetter.ERROR, "update is missing"));
        assertThat(DeadLetter.fromHeaders(deadLetter.headers()::get)).contains(deadLetter);
    }

    @Test
    void shouldCutLongValuesAndStillReadThemBack() {
        DeadLetter deadLetter = new DeadLetter(DeadLetterReason.UNKNOWN_RESULT, ORIGINAL, 0, Optional.empty(),
                Optional.of("SYSTEM_ERROR"), Optional.of("m".repeat(50_000)), 8, Optional.of("e".repeat(50_000)),
                FAILED_AT);

        assertThat(deadLetter.headers().get(DeadLetter.RESULT_MESSAGE)).hasSize(DeadLetter.MAX_VALUE_LENGTH);
        assertThat(deadLetter.headers().get(DeadLetter.ERROR)).hasSize(DeadLetter.MAX_VALUE_LENGTH);
        assertThat(DeadLetter.fromHeaders(deadLetter.headers()::get)).contains(deadLetter);
    }

    @Test
    void shouldNotReadHeadersThatAreNotPassrelays() {
        Map<String, String> headers = new HashMap<>(unknownResult().headers());

        assertThat(DeadLetter.fromHeaders(Map.<String, String>of()::get)).isEmpty();
        assertThat(DeadLetter.fromHeaders(with(headers, DeadLetter.REASON, "SOMETHING_ELSE")::get)).isEmpty();
        assertThat(DeadLetter.fromHeaders(with(headers, DeadLetter.ORIGINAL_PARTITION, "three")::get)).isEmpty();
        assertThat(DeadLetter.fromHeaders(with(headers, DeadLetter.FAILED_AT, "yesterday")::get)).isEmpty();
        assertThat(DeadLetter.fromHeaders(with(headers, DeadLetter.ATTEMPTS, null)::get)).isEmpty();
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> changed = new HashMap<>(headers);
        changed.put(name, value);
        return changed;
    }
}

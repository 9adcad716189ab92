package passrelay.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import passrelay.event.DecodedEvent.Invalid;

class ResultRecordTest {
    private static final SourcePosition SOURCE = new SourcePosition("pass-updates", 3, 1042);

    private static ResultRecord specExample() {
        return new ResultRecord("5f0c7e8a-1b9e-4c33-9a51-5b1d2f9e0a11", "2024121119027102160254809674364", "UPDATE",
                "S", "SUCCESS", "Success", 1, false, Optional.of("abcdefg135202000000000263818"), SOURCE,
                Instant.parse("2026-11-25T10:15:30.200Z"), Instant.parse("2026-11-25T10:15:30.412Z"));
    }

    @Test
    void shouldWriteExactlyTheSpecExample() throws IOException {
        JsonNode expected = Json.mapper().readTree(Examples.read("pass-update-result.json"));

        String written = new String(specExample().toJson(), UTF_8);

        assertThat(written).isEqualTo(Json.mapper().writeValueAsString(expected));
    }

    @Test
    void shouldUseTheDocumentedFieldNamesInOrder() throws IOException {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(specExample().toJson());

        assertThat(fieldNames(json)).containsExactly("eventId", "passId", "status", "resultStatus", "resultCode",
                "resultMessage", "attempts", "reconciled", "tracerId", "source", "receivedAt", "completedAt");
        assertThat(fieldNames(json.get("source"))).containsExactly("topic", "partition", "offset");
    }

    @Test
    void shouldReadBackWhatItWrote() {
        assertThat(ResultRecord.fromJson(specExample().toJson())).isEqualTo(specExample());
    }

    @Test
    void shouldReadTheSpecExampleDocument() {
        assertThat(ResultRecord.fromJson(Examples.read("pass-update-result.json"))).isEqualTo(specExample());
    }

    @Test
    void shouldWriteNullForAnAbsentTracerId() throws IOException {
        ResultRecord withoutTracer = ResultRecord.fromJson(Examples.read("pass-update-result-invalid.json"));

        JsonNode json = Json.mapper().readTree(withoutTracer.toJson());

        assertThat(withoutTracer.tracerId()).isEmpty();
        assertThat(json.get("tracerId").isNull()).isTrue();
        assertThat(ResultRecord.fromJson(withoutTracer.toJson())).isEqualTo(withoutTracer);
    }

    @Test
    void shouldWriteInstantsInUtcWithMilliseconds() throws IOException {
        ResultRecord result = new ResultRecord("e", "p", "USED", "U", "SYSTEM_ERROR", "", 8, false, Optional.empty(),
                SOURCE, Instant.parse("2026-11-25T18:15:30+08:00"), Instant.parse("2026-11-25T10:15:30.123456789Z"));

        JsonNode json = Json.mapper().readTree(result.toJson());

        assertThat(json.get("receivedAt").textValue()).isEqualTo("2026-11-25T10:15:30.000Z");
        assertThat(json.get("completedAt").textValue()).isEqualTo("2026-11-25T10:15:30.123Z");
    }

    @Test
    void shouldDescribeAnInvalidEventAsParamIllegalWithoutAttempts() {
        ObjectNode event = SampleEvents.validUpdateEvent();
        SampleEvents.updateOf(event).remove("bizDate");
        Invalid invalid = (Invalid) SampleEvents.decode(event);
        Instant now = Instant.parse("2026-11-25T10:15:31Z");

        ResultRecord result = ResultRecord.invalid(invalid.event(), invalid.message(), SOURCE, now, now);

        assertThat(result.resultStatus()).isEqualTo("F");
        assertThat(result.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(result.resultMessage()).contains("update.bizDate");
        assertThat(result.attempts()).isZero();
        assertThat(result.reconciled()).isFalse();
        assertThat(result.passId()).isEqualTo(SampleEvents.PASS_ID);
        assertThat(result.status()).isEqualTo("UPDATE");
        assertThat(result.isFinal()).isTrue();
    }

    @Test
    void shouldCutAVeryLongResultMessage() {
        ResultRecord result = new ResultRecord("e", "p", "USED", "U", "SYSTEM_ERROR", "m".repeat(100_000), 8, false,
                Optional.empty(), SOURCE, Instant.EPOCH, Instant.EPOCH);

        assertThat(result.resultMessage()).hasSize(ResultRecord.MAX_MESSAGE_LENGTH);
        assertThat(ResultRecord.fromJson(result.toJson())).isEqualTo(result);
    }

    @Test
    void shouldNameTheMissingFieldOfABadRecord() {
        byte[] withoutAttempts = new String(specExample().toJson(), UTF_8).replace("\"attempts\":1,", "")
                .getBytes(UTF_8);

        assertThatThrownBy(() -> ResultRecord.fromJson(withoutAttempts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attempts");
        assertThat(ResultRecord.tryFromJson(withoutAttempts)).isEmpty();
        assertThat(ResultRecord.tryFromJson("not json".getBytes(UTF_8))).isEmpty();
        assertThat(ResultRecord.tryFromJson("[]".getBytes(UTF_8))).isEmpty();
        assertThat(ResultRecord.tryFromJson(null)).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownResultStatus() {
        byte[] json = new String(specExample().toJson(), UTF_8).replace("\"S\"", "\"X\"").getBytes(UTF_8);

        assertThat(ResultRecord.tryFromJson(json)).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

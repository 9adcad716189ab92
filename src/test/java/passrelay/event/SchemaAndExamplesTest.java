package passrelay.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import passrelay.event.DecodedEvent.Valid;
import passrelay.testing.JsonSchemas;

/**
 * The schemas in schemas/ say what the code does: a JSON Schema validator accepts the example documents and
 * the codec's real output, agrees with the decoder on which events are valid, and the schemas' own claims
 * (fields, limits, enums) are compared with the code.
 */
class SchemaAndExamplesTest {
    private static final Path SCHEMAS = Path.of("schemas");

    @ParameterizedTest
    @ValueSource(strings = {"pass-update-event.json", "pass-update-event-used.json"})
    void shouldDecodeTheExampleEventsAsValid(String example) {
        // The USED example relies on the configured default merchantId.
        DecodedEvent decoded = new EventDecoder(Optional.of("2160120041113167")).decode(Examples.read(example));

        assertThat(decoded).isInstanceOf(Valid.class);
        assertThat(((Valid) decoded).event().update().get("merchantId").textValue()).isEqualTo("2160120041113167");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass-update-result.json", "pass-update-result-invalid.json"})
    void shouldRoundTripTheExampleResults(String example) throws IOException {
        byte[] document = Examples.read(example);

        byte[] rewritten = ResultRecord.fromJson(document).toJson();

        assertThat(Json.mapper().readTree(rewritten)).isEqualTo(Json.mapper().readTree(document));
    }

    @Test
    void shouldDescribeExactlyTheFieldsOfTheResultsRecord() throws IOException {
        JsonNode schema = schema("pass-update-result.schema.json");
        JsonNode written = Json.mapper().readTree(ResultRecord.fromJson(Examples.read("pass-update-result.json")).toJson());

        assertThat(schema.get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(names(schema.get("properties"))).containsExactlyElementsOf(names(written));
        assertThat(texts(schema.get("required"))).containsExactlyElementsOf(names(written));
        assertThat(names(schema.at("/properties/source/properties"))).containsExactlyElementsOf(names(written.get("source")));
        assertThat(schema.at("/properties/resultMessage/maxLength").intValue()).isEqualTo(ResultRecord.MAX_MESSAGE_LENGTH);
    }

    @Test
    void shouldStateTheSameFieldRulesAsTheDecoder() throws IOException {
        JsonNode schema = schema("pass-update-event.schema.json");
        JsonNode update = schema.at("/$defs/update");

        assertThat(schema.get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(texts(schema.get("required"))).containsExactly("eventId", "update");
        assertThat(schema.at("/properties/eventId/maxLength").intValue()).isEqualTo(EventDecoder.MAX_EVENT_ID_LENGTH);
        assertThat(schema.at("/properties/occurredAt/format").textValue()).isEqualTo("date-time");
        assertThat(new TreeSet<>(texts(update.at("/properties/status/enum")))).isEqualTo(new TreeSet<>(UpdateRules.STATUSES));
        assertThat(new TreeSet<>(texts(update.at("/properties/updateDetailType/enum"))))
                .isEqualTo(new TreeSet<>(UpdateRules.UPDATE_DETAIL_TYPES));
        assertThat(update.at("/if/properties/status/const").textValue()).isEqualTo("UPDATE");
        assertThat(texts(update.at("/then/required"))).containsExactlyInAnyOrder("updateDetailType", "bizDate", "dataInfo");
        assertThat(update.get("additionalProperties").booleanValue()).isTrue();
        assertThat(names(update.get("properties"))).containsAll(Set.of("merchantId", "userId", "openId", "passId",
                "status", "updateDetailType", "bizDate", "endDate", "dataInfo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass-update-event.json", "pass-update-event-used.json", "pass-update-result.json",
            "pass-update-result-invalid.json"})
    void shouldValidateTheExampleDocumentsAgainstTheirSchemas(String example) {
        String schema = example.startsWith("pass-update-event") ? JsonSchemas.EVENT : JsonSchemas.RESULT;

        assertThat(JsonSchemas.problems(schema, Examples.read(example))).isEmpty();
    }

    static Stream<ResultRecord> writtenResults() {
        SourcePosition source = new SourcePosition("pass-updates", 3, 1042);
        Instant received = Instant.parse("2026-11-25T10:15:30.200Z");
        Instant completed = Instant.parse("2026-11-25T10:15:30.412123456Z");
        PassUpdateEvent invalid = ((DecodedEvent.Invalid) SampleEvents.decode(
                "{\"eventId\":\"e-1\",\"update\":{\"passId\":\"p-1\",\"userId\":\"u\"}}")).event();
        return Stream.of(
                new ResultRecord("e-1", "p-1", "UPDATE", "S", "SUCCESS", "Success", 1, false, Optional.of("tracer-1"),
                        source, received, completed),
                new ResultRecord("e-2", "p-1", "USED", "S", "PASS_USED_OCCUPIED", "used", 2, true, Optional.empty(),
                        source, received, completed),
                new ResultRecord("e-3", "p-2", "CLOSED", "U", "TIMEOUT", "x".repeat(5000), 8, false, Optional.empty(),
                        source, received, received),
                ResultRecord.invalid(invalid, "update.status is required", source, received, completed));
    }

    @ParameterizedTest
    @MethodSource("writtenResults")
    void shouldWriteResultsThatTheSchemaAccepts(ResultRecord result) {
        assertThat(JsonSchemas.problems(JsonSchemas.RESULT, result.toJson())).isEmpty();
    }

    static Stream<Arguments> events() {
        String update = "\"passId\":\"p-1\",\"userId\":\"u-1\"";
        String movie = update + ",\"status\":\"UPDATE\",\"updateDetailType\":\"UPDATE_MOVIE\"";
        return Stream.of(
                event("an UPDATE with everything", movie + ",\"bizDate\":1764065730123,\"dataInfo\":{}"),
                event("a USED with only openId", "\"passId\":\"p-1\",\"openId\":\"o-1\",\"status\":\"USED\""),
                event("a REFUND with an endDate and an unknown field", update
                        + ",\"status\":\"REFUND\",\"endDate\":1764152130000,\"promo\":[1,2]"),
                event("no status", update),
                event("an unknown status", update + ",\"status\":\"LOST\""),
                event("an UPDATE without bizDate", movie + ",\"dataInfo\":{}"),
                event("an UPDATE without dataInfo", movie + ",\"bizDate\":1"),
                event("a fractional bizDate", movie + ",\"bizDate\":1.5,\"dataInfo\":{}"),
                event("neither userId nor openId", "\"passId\":\"p-1\",\"status\":\"USED\""),
                event("a blank userId", "\"passId\":\"p-1\",\"userId\":\" \",\"status\":\"USED\""),
                Arguments.of("an occurredAt that is no instant", "{\"eventId\":\"e-1\",\"occurredAt\":\"yesterday\","
                        + "\"update\":{" + update + ",\"status\":\"USED\"}}"),
                Arguments.of("an eventId over 128 characters", "{\"eventId\":\"" + "e".repeat(129) + "\",\"update\":{"
                        + update + ",\"status\":\"USED\"}}"),
                Arguments.of("no eventId (malformed)", "{\"update\":{" + update + ",\"status\":\"USED\"}}"),
                Arguments.of("no passId (malformed)", "{\"eventId\":\"e-1\",\"update\":{\"userId\":\"u\","
                        + "\"status\":\"USED\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void shouldAcceptExactlyTheEventsTheDecoderAccepts(String name, String event) {
        boolean decoderAccepts = new EventDecoder(Optional.of("2160120041113167")).decode(event.getBytes(UTF_8))
                instanceof Valid;

        assertThat(JsonSchemas.problems(JsonSchemas.EVENT, event).isEmpty()).as("the schema accepts it").isEqualTo(decoderAccepts);
    }

    static Stream<DeadLetter> writtenDeadLetters() {
        Instant failed = Instant.parse("2026-11-25T10:15:30.412Z");
        SourcePosition original = new SourcePosition("pass-updates", 0, 7);
        DecodedEvent.Malformed notJson = (DecodedEvent.Malformed) SampleEvents.decode("{\"eventId\": tru");
        DecodedEvent.Malformed noUpdate = (DecodedEvent.Malformed) SampleEvents.decode("{\"eventId\":\"e-9\"}");
        return Stream.of(
                DeadLetter.malformed(original, 1764065730123L, notJson, failed),
                DeadLetter.malformed(original, -1, noUpdate, failed),
                new DeadLetter(DeadLetterReason.UNKNOWN_RESULT, original, 1764065730123L, Optional.of("e-1"),
                        Optional.of("UNKNOWN_EXCEPTION"), Optional.of("m".repeat(3000)), 8,
                        Optional.of("java.net.http.HttpTimeoutException: request timed out"), failed));
    }

    @ParameterizedTest
    @MethodSource("writtenDeadLetters")
    void shouldWriteDeadLetterHeadersThatTheSchemaAccepts(DeadLetter deadLetter) throws IOException {
        String headers = Json.mapper().writeValueAsString(deadLetter.headers());

        assertThat(JsonSchemas.problems(JsonSchemas.DEAD_LETTER_HEADERS, headers)).isEmpty();
    }

    @Test
    void shouldDescribeEveryDeadLetterHeaderInTheSchemaAndTheDocs() throws Exception {
        JsonNode schema = schema(JsonSchemas.DEAD_LETTER_HEADERS);
        Set<String> declared = new TreeSet<>();
        for (Field field : DeadLetter.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String name
                    && name.startsWith("passrelay.dlt.")) {
                declared.add(name);
            }
        }
        String docs = Files.readString(Path.of("docs", "replay-runbook.md"));

        assertThat(new TreeSet<>(names(schema.get("properties")))).isEqualTo(declared);
        assertThat(declared).allSatisfy(name -> assertThat(docs).contains("| `" + name + "` |"));
    }

    @Test
    void shouldRejectDeadLetterHeadersThatBreakTheirFormat() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(writtenDeadLetters().findFirst().orElseThrow().headers());
        headers.put(DeadLetter.ORIGINAL_PARTITION, "three");
        headers.put(DeadLetter.FAILED_AT, "2026-11-25T10:15:30Z");
        headers.remove(DeadLetter.ATTEMPTS);

        List<String> problems = JsonSchemas.problems(JsonSchemas.DEAD_LETTER_HEADERS,
                Json.mapper().writeValueAsString(headers));

        assertThat(String.join("\n", problems)).contains(DeadLetter.ORIGINAL_PARTITION, DeadLetter.FAILED_AT,
                DeadLetter.ATTEMPTS);
    }

    private static Arguments event(String name, String update) {
        return Arguments.of(name, "{\"eventId\":\"e-1\",\"update\":{" + update + "}}");
    }

    private static JsonNode schema(String name) throws IOException {
        return Json.mapper().readTree(Files.readAllBytes(SCHEMAS.resolve(name)));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.textValue()));
        return texts;
    }
}

package passrelay.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import passrelay.event.DecodedEvent.Valid;

/**
 * The schemas in schemas/ say what the code does (no validator library on the classpath: the schemas'
 * own claims are compared with the code), and the SPEC's example documents are accepted.
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

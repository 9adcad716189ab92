package passrelay.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import passrelay.event.DecodedEvent.Invalid;
import passrelay.event.DecodedEvent.Valid;

/** The update is relayed as published: unknown fields, their order and dataInfo unchanged; merchantId defaulted. */
class EventDecoderPassthroughTest {
    private static final String DEFAULT_MERCHANT = "2160120099999999";

    @Test
    void shouldRelayUnknownFieldsAndDataInfoUnchangedInTheirOrder() throws JsonProcessingException {
        String update = """
                {"merchantId":"2160120041113167","zFirstUnknown":{"nested":[1,2.50,null,true]},"userId":"u-1",\
                "passId":"p-1","status":"UPDATE","updateDetailType":"UPDATE_MOVIE","bizDate":1764065730123,\
                "dataInfo":{"title":"電影《長安三萬里》","venue":"Cinéma du Parc 🎬","price":88.10,\
                "seats":["H12","H13"],"quote":"say \\"hi\\"\\n","big":123456789012345678901234567890,\
                "tiny":0.000001,"empty":{}},"aNewApiField":"2027 feature","endDate":1764152130000}""";

        Valid valid = decodeValid(new EventDecoder(Optional.of(DEFAULT_MERCHANT)), update);

        assertThat(Json.mapper().writeValueAsString(valid.event().update())).isEqualTo(update);
    }

    @Test
    void shouldRelayNumbersWithTheirExactValue() {
        String update = "{\"merchantId\":\"m\",\"userId\":\"u\",\"passId\":\"p\",\"status\":\"USED\","
                + "\"fee\":0.1000000000000000055511151231257827,\"tiny\":1e-21,\"huge\":1e400}";

        ObjectNode relayed = decodeValid(new EventDecoder(Optional.empty()), update).event().update();

        assertThat(relayed.get("fee").decimalValue()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(relayed.get("tiny").decimalValue()).isEqualByComparingTo("1e-21");
        assertThat(relayed.get("huge").decimalValue()).isEqualByComparingTo("1e400");
    }

    @Test
    void shouldApplyTheDefaultMerchantIdWhenTheUpdateHasNone() {
        String update = "{\"userId\":\"u-1\",\"passId\":\"p-1\",\"status\":\"USED\",\"extra\":1}";

        ObjectNode relayed = decodeValid(new EventDecoder(Optional.of(DEFAULT_MERCHANT)), update).event().update();

        assertThat(relayed.get("merchantId").textValue()).isEqualTo(DEFAULT_MERCHANT);
        assertThat(fieldNames(relayed)).containsExactly("merchantId", "userId", "passId", "status", "extra");
    }

    @Test
    void shouldTreatANullMerchantIdAsAbsent() {
        String update = "{\"userId\":\"u-1\",\"merchantId\":null,\"passId\":\"p-1\",\"status\":\"USED\"}";

        ObjectNode relayed = decodeValid(new EventDecoder(Optional.of(DEFAULT_MERCHANT)), update).event().update();

        assertThat(relayed.get("merchantId").textValue()).isEqualTo(DEFAULT_MERCHANT);
        assertThat(fieldNames(relayed)).containsExactly("merchantId", "userId", "passId", "status");
    }

    @Test
    void shouldKeepTheEventsOwnMerchantIdOverTheDefault() {
        String update = "{\"merchantId\":\"2160120041113167\",\"userId\":\"u-1\",\"passId\":\"p-1\",\"status\":\"USED\"}";

        ObjectNode relayed = decodeValid(new EventDecoder(Optional.of(DEFAULT_MERCHANT)), update).event().update();

        assertThat(relayed.get("merchantId").textValue()).isEqualTo("2160120041113167");
    }

    @Test
    void shouldTreatABlankDefaultMerchantIdAsNone() {
        String update = "{\"userId\":\"u-1\",\"passId\":\"p-1\",\"status\":\"USED\"}";

        DecodedEvent decoded = new EventDecoder(Optional.of(" ")).decode(event(update));

        assertThat(decoded).isInstanceOf(Invalid.class);
        assertThat(((Invalid) decoded).message()).contains("update.merchantId");
    }

    @Test
    void shouldHandOutCopiesOfTheUpdateThatCannotChangeTheEvent() {
        String update = "{\"merchantId\":\"m\",\"userId\":\"u-1\",\"passId\":\"p-1\",\"status\":\"USED\"}";
        PassUpdateEvent event = decodeValid(new EventDecoder(Optional.empty()), update).event();

        event.update().put("status", "CLOSED").remove("userId");

        assertThat(event.update().get("status").textValue()).isEqualTo("USED");
        assertThat(event.update().has("userId")).isTrue();
    }

    private static Valid decodeValid(EventDecoder decoder, String update) {
        DecodedEvent decoded = decoder.decode(event(update));
        assertThat(decoded).isInstanceOf(Valid.class);
        return (Valid) decoded;
    }

    private static byte[] event(String update) {
        return ("{\"eventId\":\"e-1\",\"update\":" + update + "}").getBytes(UTF_8);
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

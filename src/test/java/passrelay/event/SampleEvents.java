package passrelay.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Events for the decoder tests: a valid UPDATE event to break one rule at a time. */
final class SampleEvents {
    static final String MERCHANT_ID = "2160120041113167";
    static final String PASS_ID = "2024121119027102160254809674364";

    private SampleEvents() {
    }

    static ObjectNode validUpdateEvent() {
        return (ObjectNode) parse("""
                {"eventId":"5f0c7e8a-1b9e-4c33-9a51-5b1d2f9e0a11","occurredAt":"2026-11-25T10:15:30.123Z",
                 "update":{"merchantId":"%s","userId":"2160120037098191","passId":"%s",
                  "status":"UPDATE","updateDetailType":"UPDATE_MOVIE","bizDate":1764065730123,
                  "endDate":1764152130000,"dataInfo":{"seat":"H12"}}}
                """.formatted(MERCHANT_ID, PASS_ID));
    }

    static ObjectNode updateOf(ObjectNode event) {
        return (ObjectNode) event.get("update");
    }

    static byte[] bytes(ObjectNode event) {
        try {
            return Json.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DecodedEvent decode(ObjectNode event) {
        return new EventDecoder(Optional.empty()).decode(bytes(event));
    }

    static DecodedEvent decode(String value) {
        return new EventDecoder(Optional.empty()).decode(value.getBytes(UTF_8));
    }

    private static Object parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package passrelay.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Pass-update events as a ticketing system would publish them; {@code update.seq} numbers them per pass. */
public final class SampleEvents {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SampleEvents() {
    }

    public static String eventId(String passId, int seq) {
        return passId + "#" + seq;
    }

    /** An {@code UPDATE} of a movie ticket, carrying {@code seq} as an extra field that passes through. */
    public static ObjectNode update(String passId, int seq) {
        ObjectNode update = base(passId, "UPDATE", seq);
        update.put("updateDetailType", "UPDATE_MOVIE");
        update.put("bizDate", 1_764_065_730_123L + seq);
        update.putObject("dataInfo").put("$seat$", "A" + seq).put("$ticketName_zh_HK$", "電影票 café");
        return update;
    }

    /** A {@code USED}, {@code CLOSED} or {@code REFUND}, which need no scenario data. */
    public static ObjectNode statusChange(String passId, String status, int seq) {
        return base(passId, status, seq);
    }

    public static byte[] event(String eventId, ObjectNode update) {
        ObjectNode event = JSON.objectNode();
        event.put("eventId", eventId);
        event.put("occurredAt", "2026-11-25T10:15:30.123Z");
        event.set("update", update);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] event(String passId, int seq) {
        return event(eventId(passId, seq), update(passId, seq));
    }

    private static ObjectNode base(String passId, String status, int seq) {
        ObjectNode update = JSON.objectNode();
        update.put("merchantId", "2160120041113167");
        update.put("userId", "2160120037098191");
        update.put("passId", passId);
        update.put("status", status);
        update.put("seq", seq);
        return update;
    }
}

package passrelay.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/** The JSON form of {@link ResultRecord}; field names and order are the contract of SPEC section 4. */
final class ResultRecordJson {

    private ResultRecordJson() {
    }

    static byte[] write(ResultRecord result) {
        ObjectNode json = Json.mapper().createObjectNode()
                .put("eventId", result.eventId())
                .put("passId", result.passId())
                .put("status", result.status())
                .put("resultStatus", result.resultStatus())
                .put("resultCode", result.resultCode())
                .put("resultMessage", result.resultMessage())
                .put("attempts", result.attempts())
                .put("reconciled", result.reconciled())
                .put("tracerId", result.tracerId().orElse(null));
        json.putObject("source")
                .put("topic", result.source().topic())
                .put("partition", result.source().partition())
                .put("offset", result.source().offset());
        json.put("receivedAt", IsoInstants.format(result.receivedAt()))
                .put("completedAt", IsoInstants.format(result.completedAt()));
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write a results record", impossible);
        }
    }

    static ResultRecord read(byte[] value) {
        JsonNode json = parse(value);
        if (!json.isObject()) {
            throw new IllegalArgumentException("results record: not a JSON object");
        }
        JsonNode source = field(json, "source");
        if (!source.isObject()) {
            throw new IllegalArgumentException("results record: source must be a JSON object");
        }
        return new ResultRecord(text(json, "eventId"), text(json, "passId"), text(json, "status"),
                text(json, "resultStatus"), text(json, "resultCode"), text(json, "resultMessage"),
                (int) whole(json, "attempts", Integer.MAX_VALUE), bool(json, "reconciled"),
                optionalText(json, "tracerId"),
                new SourcePosition(text(source, "topic"), (int) whole(source, "partition", Integer.MAX_VALUE),
                        whole(source, "offset", Long.MAX_VALUE)),
                instant(json, "receivedAt"), instant(json, "completedAt"));
    }

    private static JsonNode parse(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("results record: value is null");
        }
        try {
            return Json.mapper().readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("results record: " + ParseFailure.describe(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("results record: unreadable", e);
        }
    }

    private static JsonNode field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null) {
            throw new IllegalArgumentException("results record: " + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("results record: " + name + " must be a string");
        }
        return value.textValue();
    }

    private static Optional<String> optionalText(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(text(json, name));
    }

    private static long whole(JsonNode json, String name, long max) {
        JsonNode value = field(json, name);
        boolean inRange = value.isIntegralNumber() && value.canConvertToLong()
                && value.longValue() >= 0 && value.longValue() <= max;
        if (!inRange) {
            throw new IllegalArgumentException("results record: " + name + " must be a whole number from 0 to " + max);
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("results record: " + name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static Instant instant(JsonNode json, String name) {
        try {
            return IsoInstants.parse(text(json, name));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("results record: " + name + " must be an ISO-8601 instant", e);
        }
    }
}

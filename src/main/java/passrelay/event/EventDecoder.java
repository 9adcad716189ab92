package passrelay.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import passrelay.event.DecodedEvent.Invalid;
import passrelay.event.DecodedEvent.Malformed;
import passrelay.event.DecodedEvent.Valid;

/**
 * Decodes record values of the input topic into {@link DecodedEvent}s (SPEC section 2). Thread-safe.
 * Reasons and messages quote at most a short excerpt of the input.
 */
public final class EventDecoder {
    public static final int MAX_EVENT_ID_LENGTH = 128;

    private final Optional<String> defaultMerchantId;

    /** @param defaultMerchantId {@code ALIPAYHK_MERCHANT_ID}: used when an update has no merchantId */
    public EventDecoder(Optional<String> defaultMerchantId) {
        this.defaultMerchantId = Objects.requireNonNull(defaultMerchantId, "defaultMerchantId")
                .filter(id -> !id.isBlank());
    }

    /** Never throws: whatever the bytes, and even on a bug here, the answer is one of the three kinds. */
    public DecodedEvent decode(byte[] value) {
        try {
            Optional<String> unreadable = RawValue.problem(value);
            return unreadable.isPresent()
                    ? new Malformed(unreadable.get())
                    : decodeTree(Json.mapper().readTree(value));
        } catch (JsonProcessingException unparseable) {
            return new Malformed(ParseFailure.describe(unparseable));
        } catch (IOException | RuntimeException | StackOverflowError bug) {
            // Not the input's fault (the limits keep the parser's stack shallow): keep the record for replay.
            return new Malformed("could not decode the record (passrelay bug): " + bug.getClass().getName()
                    + " " + Excerpt.quoted(String.valueOf(bug.getMessage())));
        }
    }

    private DecodedEvent decodeTree(JsonNode root) {
        if (!root.isObject()) {
            return new Malformed("record value is " + describe(root) + ", not a JSON object");
        }
        Optional<String> badEventId = EventFields.requiredText(root, "eventId");
        if (badEventId.isPresent()) {
            return new Malformed(badEventId.get());
        }
        String eventId = root.get("eventId").textValue();
        Optional<String> badUpdate = EventFields.requiredObject(root, "update")
                .or(() -> EventFields.requiredText(root.get("update"), "update.passId"));
        if (badUpdate.isPresent()) {
            return new Malformed(badUpdate.get(), Optional.of(eventId));
        }
        return classify(root, eventId, withDefaultMerchant((ObjectNode) root.get("update")));
    }

    private DecodedEvent classify(JsonNode root, String eventId, ObjectNode update) {
        JsonNode occurredAt = root.get("occurredAt");
        PassUpdateEvent event = new PassUpdateEvent(eventId, instant(occurredAt), update,
                update.get("passId").textValue(), EventFields.statusText(update));
        Optional<String> broken = tooLong(eventId)
                .or(() -> notAnInstant(occurredAt))
                .or(() -> UpdateRules.check(update).map(this::withMerchantHint));
        return broken.<DecodedEvent>map(message -> new Invalid(event, message)).orElseGet(() -> new Valid(event));
    }

    private static Optional<String> tooLong(String eventId) {
        return eventId.codePointCount(0, eventId.length()) > MAX_EVENT_ID_LENGTH
                ? Optional.of("eventId is longer than " + MAX_EVENT_ID_LENGTH + " characters")
                : Optional.empty();
    }

    private static Optional<String> notAnInstant(JsonNode occurredAt) {
        return isAbsent(occurredAt) || instant(occurredAt).isPresent()
                ? Optional.empty()
                : Optional.of("occurredAt " + EventFields.excerpt(occurredAt)
                        + " is not an ISO-8601 instant (such as 2026-11-25T10:15:30.123Z)");
    }

    private static Optional<Instant> instant(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.textValue()));
        } catch (DateTimeParseException notAnInstant) {
            return Optional.empty();
        }
    }

    // A merchantId first, as in the API's documentation; JSON null counts as absent.
    private ObjectNode withDefaultMerchant(ObjectNode update) {
        if (!isAbsent(update.get("merchantId")) || defaultMerchantId.isEmpty()) {
            return update;
        }
        ObjectNode withMerchant = update.objectNode().put("merchantId", defaultMerchantId.get());
        for (Map.Entry<String, JsonNode> field : update.properties()) {
            if (!field.getKey().equals("merchantId")) {
                withMerchant.set(field.getKey(), field.getValue());
            }
        }
        return withMerchant;
    }

    private String withMerchantHint(String message) {
        return message.startsWith("update.merchantId is required") && defaultMerchantId.isEmpty()
                ? message + " (and ALIPAYHK_MERCHANT_ID is not set)"
                : message;
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static String describe(JsonNode root) {
        return switch (root.getNodeType()) {
            case ARRAY -> "a JSON array";
            case STRING -> "a JSON string";
            case NUMBER -> "a JSON number";
            case BOOLEAN -> "a JSON boolean";
            case NULL -> "JSON null";
            case MISSING -> "white space only";
            default -> "a " + root.getNodeType();
        };
    }
}

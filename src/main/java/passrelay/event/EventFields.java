package passrelay.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/** The envelope's field checks, with messages that name the field and quote little of its value. */
final class EventFields {
    private EventFields() {
    }

    /** {@code parent}'s member named by the last segment of {@code path} must be a non-blank string. */
    static Optional<String> requiredText(JsonNode parent, String path) {
        JsonNode value = parent.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isNull()) {
            return Optional.of(path + " is missing");
        }
        if (!value.isTextual()) {
            return Optional.of(path + " must be a string, not " + typeOf(value));
        }
        return value.textValue().isBlank() ? Optional.of(path + " is blank") : Optional.empty();
    }

    static Optional<String> requiredObject(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.of(field + " is missing");
        }
        return value.isObject()
                ? Optional.empty()
                : Optional.of(field + " must be a JSON object, not " + typeOf(value));
    }

    /** {@code update.status} for the results record: its text, a short excerpt of anything else, empty if absent. */
    static String statusText(JsonNode update) {
        JsonNode status = update.get("status");
        if (status == null || status.isNull()) {
            return "";
        }
        return Excerpt.of(status.isTextual() ? status.textValue() : status.toString(), Json.MAX_QUOTED_INPUT);
    }

    /** A value as it may appear in a message: quoted, and short. */
    static String excerpt(JsonNode value) {
        return Excerpt.quoted(value.isTextual() ? value.textValue() : value.toString());
    }

    private static String typeOf(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}

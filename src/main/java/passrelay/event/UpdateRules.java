package passrelay.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * The field rules of an updatePass body (SPEC section 2), shared by the worker's validation and the
 * simulator. The first broken rule is reported with a message that names the field.
 */
public final class UpdateRules {
    public static final Set<String> STATUSES = Set.of("USED", "CLOSED", "UPDATE", "REFUND");
    public static final Set<String> UPDATE_DETAIL_TYPES = Set.of("UPDATE_AIR_TICKET", "UPDATE_TRAIN_TICKET",
            "UPDATE_BUS_TICKET", "UPDATE_SHIP_TICKET", "UPDATE_MOVIE", "UPDATE_PASS");
    static final int MAX_ID_LENGTH = 128;

    private UpdateRules() {
    }

    /** The first rule {@code update} breaks, as a message naming the field; empty when it keeps them all. */
    public static Optional<String> check(JsonNode update) {
        if (update == null || !update.isObject()) {
            return Optional.of("update must be a JSON object");
        }
        Optional<String> broken = requiredText(update, "merchantId")
                .or(() -> requiredText(update, "passId"))
                .or(() -> userOrOpenId(update))
                .or(() -> requiredText(update, "status"))
                .or(() -> oneOf(update, "status", STATUSES));
        if (broken.isPresent() || !"UPDATE".equals(update.get("status").textValue())) {
            return broken.or(() -> optionalEpochMillis(update, "endDate"));
        }
        return requiredText(update, "updateDetailType")
                .or(() -> oneOf(update, "updateDetailType", UPDATE_DETAIL_TYPES))
                .or(() -> requiredEpochMillis(update, "bizDate"))
                .or(() -> optionalEpochMillis(update, "endDate"))
                .or(() -> requiredObject(update, "dataInfo"));
    }

    private static Optional<String> userOrOpenId(JsonNode update) {
        boolean hasUser = isNonBlankText(update.get("userId"));
        boolean hasOpen = isNonBlankText(update.get("openId"));
        if (!hasUser && !hasOpen) {
            return Optional.of("update.userId or update.openId is required");
        }
        return wrongType(update, "userId").or(() -> wrongType(update, "openId"));
    }

    private static Optional<String> wrongType(JsonNode update, String field) {
        JsonNode value = update.get(field);
        return value == null || value.isNull() || value.isTextual()
                ? Optional.empty()
                : Optional.of("update." + field + " must be a string");
    }

    private static Optional<String> requiredText(JsonNode update, String field) {
        JsonNode value = update.get(field);
        if (value == null || value.isNull()) {
            return Optional.of("update." + field + " is required");
        }
        if (!value.isTextual()) {
            return Optional.of("update." + field + " must be a string");
        }
        String text = value.textValue();
        if (text.isBlank()) {
            return Optional.of("update." + field + " must not be blank");
        }
        if (text.codePointCount(0, text.length()) > MAX_ID_LENGTH && !field.equals("status")) {
            return Optional.of("update." + field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return Optional.empty();
    }

    private static Optional<String> oneOf(JsonNode update, String field, Set<String> allowed) {
        String value = update.get(field).textValue();
        return allowed.contains(value)
                ? Optional.empty()
                : Optional.of("update." + field + " " + Excerpt.quoted(value) + " is not one of " + sorted(allowed));
    }

    private static Optional<String> requiredEpochMillis(JsonNode update, String field) {
        JsonNode value = update.get(field);
        if (value == null || value.isNull()) {
            return Optional.of("update." + field + " is required when status is UPDATE");
        }
        return optionalEpochMillis(update, field);
    }

    private static Optional<String> optionalEpochMillis(JsonNode update, String field) {
        JsonNode value = update.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0
                ? Optional.empty()
                : Optional.of("update." + field + " must be a non-negative whole number of epoch milliseconds");
    }

    private static Optional<String> requiredObject(JsonNode update, String field) {
        JsonNode value = update.get(field);
        if (value == null || value.isNull()) {
            return Optional.of("update." + field + " is required when status is UPDATE");
        }
        return value.isObject() ? Optional.empty() : Optional.of("update." + field + " must be a JSON object");
    }

    private static boolean isNonBlankText(JsonNode value) {
        return value != null && value.isTextual() && !value.textValue().isBlank();
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().toList().toString();
    }
}

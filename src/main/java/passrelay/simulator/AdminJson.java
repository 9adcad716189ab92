package passrelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The admin endpoint's JSON: fault settings, fault changes, scripts and arrivals. */
final class AdminJson {
    static final Set<String> FAULT_FIELDS = Set.of("latencyMs", "uRate", "http5xxRate", "timeoutRate",
            "rateLimitRate", "outageMs", "outage", "sickPassShare", "sickPassesMs", "forgeRate", "forgeKind", "maxConcurrent",
            "capacity");

    private final ObjectMapper json;

    AdminJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode faults(Faults faults) {
        FaultSettings settings = faults.snapshot();
        ObjectNode node = json.createObjectNode()
                .put("latencyMs", settings.latencyMs())
                .put("uRate", settings.uRate())
                .put("http5xxRate", settings.http5xxRate())
                .put("timeoutRate", settings.timeoutRate())
                .put("rateLimitRate", settings.rateLimitRate())
                .put("outage", faults.outageActive())
                .put("sickPassShare", settings.sickPasses().share())
                .put("forgeRate", settings.forgeRate())
                .put("forgeKind", settings.forgeKind().label())
                .put("maxConcurrent", settings.maxConcurrent())
                .put("capacity", settings.capacity());
        faults.outageRemainingMs().ifPresent(remaining -> node.put("outageRemainingMs", remaining));
        return node;
    }

    /**
     * The change a {@code POST /admin/faults} body asks for: only the fields present change.
     * {@code outageMs} starts a window of that length from {@code now} (0 clears it);
     * {@code outage} true starts one until cleared, false clears it.
     */
    UnaryOperator<FaultSettings> faultChange(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with some of " + FAULT_FIELDS);
        }
        List<UnaryOperator<FaultSettings>> changes = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            changes.add(fieldChange(name, body.get(name), now));
        }
        return settings -> {
            FaultSettings changed = settings;
            for (UnaryOperator<FaultSettings> change : changes) {
                changed = change.apply(changed);
            }
            return changed;
        };
    }

    private static UnaryOperator<FaultSettings> fieldChange(String name, JsonNode value, Instant now) {
        return switch (name) {
            case "latencyMs" -> settings -> settings.withLatencyMs(whole(name, value));
            case "uRate" -> settings -> settings.withURate(number(name, value));
            case "http5xxRate" -> settings -> settings.withHttp5xxRate(number(name, value));
            case "timeoutRate" -> settings -> settings.withTimeoutRate(number(name, value));
            case "rateLimitRate" -> settings -> settings.withRateLimitRate(number(name, value));
            case "outageMs" -> outageWindow(whole(name, value), now);
            case "maxConcurrent" -> {
                int limit = count(name, value, "no throttling");
                yield settings -> settings.withMaxConcurrent(limit);
            }
            case "capacity" -> {
                int capacity = count(name, value, "no line");
                yield settings -> settings.withCapacity(capacity);
            }
            case "forgeRate" -> settings -> settings.withForgery(number(name, value), settings.forgeKind());
            case "forgeKind" -> {
                if (!value.isTextual()) {
                    throw new IllegalArgumentException("forgeKind must be copied-signature, stale-time or both");
                }
                ForgeKind kind = ForgeKind.parse(value.textValue());
                yield settings -> settings.withForgery(settings.forgeRate(), kind);
            }
            case "sickPassShare" -> settings -> settings.withSickPasses(new SickPasses(number(name, value),
                    settings.sickPasses().until().or(() -> Optional.of(Instant.MAX))));
            case "sickPassesMs" -> {
                long millis = whole(name, value);
                if (millis < 0) {
                    throw new IllegalArgumentException("sickPassesMs must not be negative, was " + millis);
                }
                Optional<Instant> until = millis == 0 ? Optional.of(Instant.MAX) : Optional.of(now.plusMillis(millis));
                yield settings -> settings.withSickPasses(new SickPasses(settings.sickPasses().share(), until));
            }
            case "outage" -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException("outage must be true or false");
                }
                Optional<Instant> until = value.booleanValue() ? Optional.of(Instant.MAX) : Optional.empty();
                yield settings -> settings.withOutageUntil(until);
            }
            default -> throw new IllegalArgumentException("unknown field '" + name + "'; known: " + FAULT_FIELDS);
        };
    }

    /** A whole number from 0, which means {@code zeroMeans}. */
    private static int count(String name, JsonNode value, String zeroMeans) {
        long count = whole(name, value);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be 0 (" + zeroMeans + ") or more, was " + count);
        }
        return (int) count;
    }

    private static UnaryOperator<FaultSettings> outageWindow(long millis, Instant now) {
        if (millis < 0) {
            throw new IllegalArgumentException("outageMs must not be negative, was " + millis);
        }
        Optional<Instant> until = millis == 0 ? Optional.empty() : Optional.of(now.plus(Duration.ofMillis(millis)));
        return settings -> settings.withOutageUntil(until);
    }

    /** {@code {"passId": .., "responses": [{resultStatus, resultCode, resultMessage, applied, httpStatus}]}}. */
    List<ScriptedResponse> scriptedResponses(JsonNode body) {
        JsonNode responses = body == null ? null : body.get("responses");
        if (responses == null || !responses.isArray()) {
            throw new IllegalArgumentException("responses must be an array");
        }
        List<ScriptedResponse> scripted = new ArrayList<>();
        for (JsonNode response : responses) {
            String code = requiredText(response, "resultCode");
            JsonNode status = response.get("httpStatus");
            OptionalInt httpStatus = status == null || status.isNull()
                    ? OptionalInt.empty()
                    : OptionalInt.of(status.asInt());
            scripted.add(new ScriptedResponse(requiredText(response, "resultStatus"), code,
                    response.path("resultMessage").asText(code), response.path("applied").asBoolean(false),
                    httpStatus));
        }
        return scripted;
    }

    ObjectNode arrivals(List<Arrival> arrivals, long dropped) {
        ObjectNode node = json.createObjectNode();
        ArrayNode list = node.putArray("arrivals");
        for (Arrival arrival : arrivals) {
            ObjectNode item = list.addObject()
                    .put("sequence", arrival.sequence())
                    .put("passId", arrival.passId())
                    .put("status", arrival.status());
            item.set("update", arrival.update());
            item.put("httpStatus", arrival.httpStatus())
                    .put("resultStatus", arrival.resultStatus().orElse(null))
                    .put("resultCode", arrival.resultCode().orElse(null))
                    .put("fault", arrival.fault().map(Enum::name).orElse(null))
                    .put("applied", arrival.applied());
        }
        node.put("dropped", dropped);
        return node;
    }

    ObjectNode overlaps(long count, long repeats, List<String> passes) {
        ObjectNode node = json.createObjectNode().put("overlaps", count).put("repeatsWhileUnanswered", repeats);
        passes.forEach(node.putArray("passes")::add);
        return node;
    }

    static String requiredText(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(field + " is required (a string)");
        }
        return value.textValue();
    }

    private static long whole(String name, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return value.longValue();
    }

    private static double number(String name, JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number between 0 and 1");
        }
        return value.doubleValue();
    }
}

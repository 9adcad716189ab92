package passrelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/}: change faults, script answers, read arrivals and reset while the simulator runs
 * (for benchmarks driving it as a process). Unauthenticated: it listens on 127.0.0.1 only.
 *
 * <pre>
 * GET  /admin/faults                 current faults
 * POST /admin/faults                 {"latencyMs":..,"uRate":..,"http5xxRate":..,"timeoutRate":..,
 *                                     "rateLimitRate":..,"outageMs":..,"outage":true|false,
 *                                     "sickPassShare":..,"sickPassesMs":..,"forgeRate":..,
 *                                     "forgeKind":"copied-signature"|"stale-time"|"both",
 *                                     "maxConcurrent":Q (0: no throttling), "capacity":N (0: no line)},
 *                                     any subset
 * POST /admin/script                 {"passId":..,"responses":[{"resultStatus":..,"resultCode":..,
 *                                     "resultMessage":..,"applied":..,"httpStatus":..}]}
 * GET  /admin/arrivals[?passId=..]   {"arrivals":[..],"dropped":n}, one pass or all, in order
 * GET  /admin/overlaps               {"overlaps":n,"repeatsWhileUnanswered":n,"passes":[..]}: requests
 *                                     that arrived while another update of their pass was unanswered
 *                                     (and, apart, while the same one was: retries after a timeout)
 * GET  /admin/load                   {"beingServed":n,"waiting":n,"admitted":n,"throttled":n,"maxConcurrent":Q,
 *                                     "capacity":N}: requests being served now (those waiting in line included),
 *                                     waiting in line, and since the start or reset, admitted and throttled
 * POST /admin/passes                 {"passId":..} creates a pass (for --strict)
 * POST /admin/reset                  passes, scripts and arrivals cleared, faults back to the start flags
 * </pre>
 */
final class AdminEndpoint implements HttpHandler {
    private final Simulator simulator;
    private final ObjectMapper json;
    private final AdminJson admin;

    AdminEndpoint(Simulator simulator, ObjectMapper json) {
        this.simulator = simulator;
        this.json = json;
        this.admin = new AdminJson(json);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            JsonNode body = readBody(exchange);
            Optional<JsonNode> answer = route(route, body, query(exchange).get("passId"));
            answer.ifPresentOrElse(node -> send(exchange, 200, node),
                    () -> send(exchange, 404, error("no admin route " + route)));
        } catch (IllegalArgumentException badRequest) {
            send(exchange, 400, error(badRequest.getMessage()));
        } catch (IOException unreadable) {
            send(exchange, 400, error("body is not JSON"));
        }
    }

    private Optional<JsonNode> route(String route, JsonNode body, String passId) {
        switch (route) {
            case "GET /admin/faults":
                return Optional.of(admin.faults(simulator.faults()));
            case "POST /admin/faults":
                simulator.faults().update(admin.faultChange(body, simulator.now()));
                return Optional.of(admin.faults(simulator.faults()));
            case "POST /admin/script":
                simulator.script(AdminJson.requiredText(body, "passId"), admin.scriptedResponses(body));
                return Optional.of(ok());
            case "GET /admin/arrivals":
                return Optional.of(admin.arrivals(passId == null ? simulator.allArrivals() : simulator.arrivals(passId),
                        simulator.arrivalsDropped()));
            case "GET /admin/overlaps":
                return Optional.of(admin.overlaps(simulator.overlappingCalls(),
                        simulator.repeatedWhileUnanswered(), simulator.overlappingPasses()));
            case "GET /admin/load":
                return Optional.of(json.createObjectNode().put("beingServed", simulator.requestsBeingServed())
                        .put("waiting", simulator.requestsWaiting()).put("admitted", simulator.requestsAdmitted())
                        .put("throttled", simulator.requestsThrottled())
                        .put("maxConcurrent", simulator.faults().snapshot().maxConcurrent())
                        .put("capacity", simulator.faults().snapshot().capacity()));
            case "POST /admin/passes":
                simulator.createPass(AdminJson.requiredText(body, "passId"));
                return Optional.of(ok());
            case "POST /admin/reset":
                simulator.reset();
                return Optional.of(ok());
            default:
                return Optional.empty();
        }
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? null : json.readTree(bytes);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private ObjectNode ok() {
        return json.createObjectNode().put("ok", true);
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("error", message);
    }

    private void send(HttpExchange exchange, int status, JsonNode node) {
        try {
            ReplyScheduler.write(exchange, new PreparedResponse(status,
                    Map.of("Content-Type", "application/json; charset=UTF-8"), json.writeValueAsBytes(node)));
        } catch (IOException e) {
            exchange.close();
        }
    }
}

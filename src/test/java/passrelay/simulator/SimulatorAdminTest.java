package passrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.simulator.Simulators.request;
import static passrelay.simulator.Updates.update;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorAdminTest {
    private static final FaultSettings START = FaultSettings.NONE.withLatencyMs(5);
    private final Simulator simulator = Simulator.start(Simulators.rsa().faults(START).build());

    @AfterEach
    void close() {
        simulator.close();
    }

    private record AdminAnswer(int status, JsonNode body) {
    }

    private AdminAnswer admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(simulator.baseUrl().resolve(path))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = RawRequest.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new AdminAnswer(response.statusCode(), Updates.JSON.readTree(response.body()));
    }

    private RawResponse send(String passId, String status) {
        return request(simulator, update(passId, status)).send();
    }

    @Test
    void shouldChangeFaultsWhileRunning() throws Exception {
        AdminAnswer changed = admin("POST", "/admin/faults", "{\"uRate\": 1.0}");
        RawResponse faulted = send("pass-1", "UPDATE");
        admin("POST", "/admin/faults", "{\"uRate\": 0}");
        RawResponse recovered = send("pass-1", "UPDATE");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("uRate").asDouble()).isEqualTo(1.0);
        assertThat(changed.body().get("latencyMs").asLong()).as("fields not sent stay as they were").isEqualTo(5);
        assertThat(faulted.resultCode()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(recovered.resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void shouldSetThrottlingAndReportTheLoadWhileRunning() throws Exception {
        AdminAnswer changed = admin("POST", "/admin/faults", "{\"maxConcurrent\": 3}");
        send("pass-1", "UPDATE");
        AdminAnswer load = admin("GET", "/admin/load", null);
        AdminAnswer refused = admin("POST", "/admin/faults", "{\"maxConcurrent\": -1}");

        assertThat(changed.body().get("maxConcurrent").asInt()).isEqualTo(3);
        assertThat(load.body().get("maxConcurrent").asInt()).isEqualTo(3);
        assertThat(load.body().get("admitted").asLong()).isEqualTo(1);
        assertThat(load.body().get("throttled").asLong()).isZero();
        assertThat(load.body().get("beingServed").asInt()).isZero();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").asText()).contains("maxConcurrent");
    }

    @Test
    void shouldReportTheCurrentFaults() throws Exception {
        simulator.faults().http5xxRate(0.25).outageFor(Duration.ofMinutes(5));

        JsonNode faults = admin("GET", "/admin/faults", null).body();

        assertThat(faults.get("http5xxRate").asDouble()).isEqualTo(0.25);
        assertThat(faults.get("outage").asBoolean()).isTrue();
        assertThat(faults.get("outageRemainingMs").asLong()).isPositive();
    }

    @Test
    void shouldStartAndClearAnOutage() throws Exception {
        admin("POST", "/admin/faults", "{\"outageMs\": 600000}");
        RawResponse during = send("pass-1", "UPDATE");
        admin("POST", "/admin/faults", "{\"outage\": false}");
        RawResponse after = send("pass-1", "UPDATE");

        assertThat(during.status()).isEqualTo(503);
        assertThat(after.resultStatus()).isEqualTo("S");
    }

    @Test
    void shouldRefuseABadFaultChangeNamingTheFieldAndChangeNothing() throws Exception {
        AdminAnswer tooHigh = admin("POST", "/admin/faults", "{\"latencyMs\": 100, \"uRate\": 1.5}");
        AdminAnswer unknown = admin("POST", "/admin/faults", "{\"uRtae\": 0.5}");

        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.body().get("error").asText()).contains("uRate");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("error").asText()).contains("uRtae");
        assertThat(simulator.faults().snapshot()).isEqualTo(START);
    }

    @Test
    void shouldScriptAnswersForAPass() throws Exception {
        AdminAnswer scripted = admin("POST", "/admin/script", """
                {"passId": "pass-1", "responses": [
                  {"resultStatus": "U", "resultCode": "UNKNOWN_EXCEPTION", "applied": true},
                  {"resultStatus": "U", "resultCode": "SYSTEM_ERROR", "resultMessage": "busy", "httpStatus": 503}]}
                """);
        RawResponse first = send("pass-1", "USED");
        RawResponse second = send("pass-1", "UPDATE");
        RawResponse third = send("pass-1", "USED");

        assertThat(scripted.status()).isEqualTo(200);
        assertThat(first.resultCode()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.resultMessage()).isEqualTo("busy");
        assertThat(third.resultCode()).as("the applied script used the pass").isEqualTo("PASS_USED_OCCUPIED");
    }

    @Test
    void shouldListArrivalsOfOnePassInOrder() throws Exception {
        request(simulator, update("pass-1", "UPDATE").put("testSequence", 1)).send();
        request(simulator, update("pass-2", "UPDATE")).send();
        request(simulator, update("pass-1", "USED").put("testSequence", 2)).send();

        JsonNode arrivals = admin("GET", "/admin/arrivals?passId=pass-1", null).body().get("arrivals");
        JsonNode all = admin("GET", "/admin/arrivals", null).body().get("arrivals");

        assertThat(arrivals).extracting(arrival -> arrival.get("update").get("testSequence").asInt())
                .containsExactly(1, 2);
        assertThat(arrivals.get(1).get("status").asText()).isEqualTo("USED");
        assertThat(arrivals.get(1).get("resultCode").asText()).isEqualTo("SUCCESS");
        assertThat(all).hasSize(3);
    }

    @Test
    void shouldResetPassesArrivalsAndFaults() throws Exception {
        send("pass-1", "USED");
        simulator.faults().uRate(1.0);

        AdminAnswer reset = admin("POST", "/admin/reset", null);

        assertThat(reset.status()).isEqualTo(200);
        assertThat(simulator.allArrivals()).isEmpty();
        assertThat(simulator.faults().snapshot()).isEqualTo(START);
        assertThat(send("pass-1", "USED").resultStatus()).isEqualTo("S");
    }

    @Test
    void shouldCreatePassesForAStrictSimulator() throws Exception {
        simulator.close();
        try (Simulator strict = Simulator.start(Simulators.rsa().strict(true).build())) {
            HttpRequest create = HttpRequest.newBuilder(strict.baseUrl().resolve("/admin/passes"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"passId\": \"pass-1\"}")).build();
            RawRequest.HTTP.send(create, HttpResponse.BodyHandlers.discarding());

            assertThat(request(strict, update("pass-1", "UPDATE")).send().resultStatus()).isEqualTo("S");
            assertThat(request(strict, update("pass-2", "UPDATE")).send().resultCode()).isEqualTo("PASS_HAS_NOT_EXIST");
        }
    }

    @Test
    void shouldAnswer404ForAnUnknownAdminRoute() throws Exception {
        assertThat(admin("GET", "/admin/nothing", null).status()).isEqualTo(404);
    }
}

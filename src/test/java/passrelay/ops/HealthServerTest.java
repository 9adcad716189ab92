package passrelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health endpoints as probes and operators see them: status codes, and JSON bodies that say why. */
class HealthServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Readiness readiness = new Readiness();
    private final HealthServer server = HealthServer.start(0, readiness, Metrics.prometheus());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldAnswerReadyWithStatusOnly() throws Exception {
        readiness.started();

        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(ready.body())).isEqualTo(JSON.readTree("{\"status\":\"ready\"}"));
    }

    @Test
    void shouldAnswerNotReadyWithEveryReason() throws Exception {
        readiness.started();
        readiness.misconfigured("INVALID_SIGNATURE");
        readiness.circuit("20 of 20 calls failed (100 %, threshold 50 %): UNTRUSTED_RESPONSE x20");

        HttpResponse<String> notReady = get("/health/ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(notReady.body());
        assertThat(body.path("status").asText()).isEqualTo("not_ready");
        assertThat(body.path("reasons")).extracting(JsonNode::asText).containsExactly(
                "AlipayHK rejects our configuration (INVALID_SIGNATURE): check keys, client id, URL",
                "AlipayHK circuit open: 20 of 20 calls failed (100 %, threshold 50 %): UNTRUSTED_RESPONSE x20");
    }

    @Test
    void shouldAnswerStartingBeforeTheWorkerIsUp() throws Exception {
        HttpResponse<String> starting = get("/health/ready");

        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(starting.body()))
                .isEqualTo(JSON.readTree("{\"status\":\"not_ready\",\"reasons\":[\"starting\"]}"));
    }

    @Test
    void shouldAnswerLiveThenDeadWithTheReason() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(live.body())).isEqualTo(JSON.readTree("{\"status\":\"live\"}"));

        readiness.dead("the poll loop died: java.lang.IllegalStateException: boom");
        HttpResponse<String> dead = get("/health/live");

        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(dead.body())).isEqualTo(JSON.readTree(
                "{\"status\":\"dead\",\"reason\":\"the poll loop died: java.lang.IllegalStateException: boom\"}"));
    }

    @Test
    void shouldServePrometheusTextOnMetrics() throws Exception {
        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

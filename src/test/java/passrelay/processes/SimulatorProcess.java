package passrelay.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import passrelay.simulator.Arrival;
import passrelay.simulator.InjectedFault;
import passrelay.testing.Await;

/**
 * {@code java -jar target/passrelay.jar simulator --port 0 ...} as a child process, and typed access to
 * its admin endpoint (faults, outage, sick passes, forged answers, arrivals, overlaps, reset).
 */
public final class SimulatorProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final ChildJvm jvm;
    private final URI baseUrl;

    private SimulatorProcess(ChildJvm jvm, URI baseUrl) {
        this.jvm = jvm;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the simulator of {@code jar} with {@code flags} (e.g. {@code --client-public-key},
     * {@code --private-key}, {@code --latency-ms}) and returns once it listens.
     */
    public static SimulatorProcess start(Path jar, List<String> jvmArgs, List<String> flags, Path output) {
        List<String> arguments = new ArrayList<>(jvmArgs);
        arguments.addAll(List.of("-jar", jar.toString(), "simulator", "--port", "0"));
        arguments.addAll(flags);
        long from = ChildJvm.sizeOf(output);
        ChildJvm jvm = ChildJvm.start(arguments, Map.of(), output);
        String url = Await.until(Duration.ofSeconds(120), () -> {
            if (!jvm.alive()) {
                throw new IllegalStateException("the simulator exited: " + jvm.tail(20));
            }
            Matcher matcher = LISTENING.matcher(jvm.outputSince(from));
            return matcher.find() ? matcher.group(1) : "";
        }, found -> !found.isEmpty());
        return new SimulatorProcess(jvm, URI.create(url));
    }

    /** {@code http://127.0.0.1:N}, the worker's {@code ALIPAYHK_BASE_URL}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public JsonNode faults() {
        return get("/admin/faults");
    }

    /** {@code POST /admin/faults} with any subset of its fields (see the simulator's --help). */
    public JsonNode changeFaults(Map<String, Object> change) {
        return post("/admin/faults", change);
    }

    /** Every request answers HTTP 503 for {@code window} from now. */
    public void outageFor(Duration window) {
        changeFaults(Map.of("outageMs", window.toMillis()));
    }

    public boolean outageActive() {
        return faults().path("outage").asBoolean();
    }

    /** From now until changed, the passes chosen by {@code share} answer U to every call. */
    public void sickPassShare(double share) {
        changeFaults(Map.of("sickPassShare", share));
    }

    /** From now, {@code rate} of the answers are forged: {@code kind} is copied-signature, stale-time or both. */
    public void forge(double rate, String kind) {
        changeFaults(Map.of("forgeRate", rate, "forgeKind", kind));
    }

    /** Every arrival, by sequence number. */
    public List<Arrival> arrivals() {
        return arrivalsOf(get("/admin/arrivals"));
    }

    public List<Arrival> arrivals(String passId) {
        return arrivalsOf(get("/admin/arrivals?passId=" + URLEncoder.encode(passId, StandardCharsets.UTF_8)));
    }

    /** {@code GET /admin/load}: requests being served now, and admitted and throttled since the last reset. */
    public JsonNode load() {
        return get("/admin/load");
    }

    /** Requests that arrived while another update of their pass was still unanswered. */
    public long overlappingCalls() {
        return get("/admin/overlaps").path("overlaps").asLong();
    }

    /** Requests that arrived while the same update of their pass was still unanswered (retries after a timeout). */
    public long repeatsWhileUnanswered() {
        return get("/admin/overlaps").path("repeatsWhileUnanswered").asLong();
    }

    /** The passes that had overlapping calls. */
    public List<String> overlappingPasses() {
        List<String> passes = new ArrayList<>();
        get("/admin/overlaps").path("passes").forEach(pass -> passes.add(pass.asText()));
        return passes;
    }

    /** Passes, scripts, arrivals and overlaps forgotten; faults back to the start flags. */
    public void reset() {
        post("/admin/reset", Map.of());
    }

    public ChildJvm jvm() {
        return jvm;
    }

    /** SIGTERM, then SIGKILL if it has not ended within 30 s. */
    @Override
    public void close() {
        jvm.sigterm();
        if (jvm.awaitExit(Duration.ofSeconds(30)).isEmpty()) {
            jvm.kill();
        }
    }

    private static List<Arrival> arrivalsOf(JsonNode body) {
        List<Arrival> arrivals = new ArrayList<>();
        for (JsonNode item : body.path("arrivals")) {
            arrivals.add(new Arrival(item.path("sequence").asLong(), item.path("passId").asText(),
                    item.path("status").asText(), item.path("update"), item.path("httpStatus").asInt(),
                    text(item, "resultStatus"), text(item, "resultCode"),
                    text(item, "fault").map(InjectedFault::valueOf), item.path("applied").asBoolean()));
        }
        return arrivals;
    }

    private static Optional<String> text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).GET());
    }

    private JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(baseUrl.resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + body, e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("simulator admin answered " + response.statusCode() + ": " + body);
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException("simulator admin unreachable at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

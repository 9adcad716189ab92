package passrelay.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * {@code /health/live}, {@code /health/ready} (JSON, with the reasons when not) and {@code /metrics} (Prometheus
 * text) on one port. Status codes are what probes read: 200 live or ready, 503 not.
 */
public final class HealthServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    public static HealthServer start(int port, Readiness readiness, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
            server.createContext("/health/live", exchange ->
                    answer(exchange, readiness.isLive() ? 200 : 503, liveness(readiness), JSON_TYPE));
            server.createContext("/health/ready", exchange -> {
                List<String> reasons = readiness.notReadyReasons();
                answer(exchange, reasons.isEmpty() ? 200 : 503, readiness(reasons), JSON_TYPE);
            });
            server.createContext("/metrics", exchange ->
                    answer(exchange, 200, registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "passrelay-health");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new HealthServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " for health and metrics", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code {"status":"live"}} or {@code {"status":"dead","reason":"..."}}. */
    static String liveness(Readiness readiness) {
        ObjectNode body = JSON.createObjectNode().put("status", readiness.isLive() ? "live" : "dead");
        readiness.deadBecause().ifPresent(reason -> body.put("reason", reason));
        return body.toString();
    }

    /** {@code {"status":"ready"}} or {@code {"status":"not_ready","reasons":["...", ...]}}. */
    static String readiness(List<String> reasons) {
        ObjectNode body = JSON.createObjectNode().put("status", reasons.isEmpty() ? "ready" : "not_ready");
        if (!reasons.isEmpty()) {
            reasons.forEach(body.putArray("reasons")::add);
        }
        return body.toString();
    }

    private static void answer(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

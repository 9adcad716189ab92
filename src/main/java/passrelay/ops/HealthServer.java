package passrelay.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics} (Prometheus text) on one port. */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    public static HealthServer start(int port, Readiness readiness, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
            server.createContext("/health/live", exchange ->
                    answer(exchange, readiness.isLive() ? 200 : 503, readiness.isLive() ? "live" : "dead", "text/plain"));
            server.createContext("/health/ready", exchange -> {
                Optional<String> why = readiness.notReadyBecause();
                answer(exchange, why.isEmpty() ? 200 : 503, why.orElse("ready"), "text/plain");
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

package passrelay.alipay;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on 127.0.0.1 for client tests: records each request and answers as the test says. */
final class LocalHttpServer implements AutoCloseable {
    /** One request as the server read it; header names are looked up case-insensitively. */
    record Received(String method, String path, Headers headers, byte[] body) {
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    interface Responder {
        /** The reply, or null to answer nothing until the server closes (a hung AlipayHK). */
        Reply reply(Received request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private LocalHttpServer(Responder responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> handle(exchange, responder));
        server.start();
    }

    static LocalHttpServer start(Responder responder) throws IOException {
        return new LocalHttpServer(responder);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request received, waiting up to ten seconds for it. */
    Received nextRequest() throws InterruptedException {
        Received request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request reached the server within 10 s");
        }
        return request;
    }

    /** Requests received and not yet taken by {@link #nextRequest()}. */
    int requestsWaiting() {
        return requests.size();
    }

    /** Sends headers announcing a body, then never sends it: a response that stalls half way. */
    static Reply stalledBody() {
        return new Reply(-1, Map.of(), new byte[0]);
    }

    private void handle(HttpExchange exchange, Responder responder) throws IOException {
        try (exchange) {
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Reply reply = responder.reply(request);
            if (reply == null || reply.status() == -1) {
                if (reply != null) {
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().flush();
                }
                closing.await(30, TimeUnit.SECONDS);
                return;
            }
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

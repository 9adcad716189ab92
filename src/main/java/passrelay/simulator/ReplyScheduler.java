package passrelay.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Answers exchanges later without a thread per waiting request: a timer only keeps the due times,
 * and the writing is handed back to the server's small worker pool. Held exchanges (the timeout
 * fault) are dropped when their hold ends or the simulator closes.
 */
final class ReplyScheduler {
    private final ScheduledExecutorService timer;
    private final Executor writers;
    private final Duration holdFor;
    private final Set<HttpExchange> held = ConcurrentHashMap.newKeySet();

    ReplyScheduler(ScheduledExecutorService timer, Executor writers, Duration holdFor) {
        this.timer = timer;
        this.writers = writers;
        this.holdFor = holdFor;
    }

    void answer(HttpExchange exchange, PreparedResponse response, long delayMs) {
        if (delayMs <= 0) {
            write(exchange, response);
            return;
        }
        try {
            timer.schedule(() -> writeOnWorker(exchange, response), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            exchange.close();
        }
    }

    /** Keeps the exchange open without an answer; the connection is dropped when the hold ends. */
    void hold(HttpExchange exchange) {
        held.add(exchange);
        try {
            timer.schedule(() -> release(exchange), holdFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            release(exchange);
        }
    }

    int heldCount() {
        return held.size();
    }

    /** Stops the timer (pending answers are dropped with their connections) and releases every hold. */
    void close() {
        timer.shutdownNow();
        held.forEach(this::release);
    }

    private void writeOnWorker(HttpExchange exchange, PreparedResponse response) {
        try {
            writers.execute(() -> write(exchange, response));
        } catch (RejectedExecutionException closing) {
            exchange.close();
        }
    }

    private void release(HttpExchange exchange) {
        if (held.remove(exchange)) {
            exchange.close();
        }
    }

    static void write(HttpExchange exchange, PreparedResponse response) {
        try (exchange) {
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (IOException clientWentAway) {
            // nothing to answer to: the client closed the connection or gave up
        }
    }
}

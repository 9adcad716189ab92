package passrelay.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
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
    private final Map<HttpExchange, Runnable> held = new ConcurrentHashMap<>();

    ReplyScheduler(ScheduledExecutorService timer, Executor writers, Duration holdFor) {
        this.timer = timer;
        this.writers = writers;
        this.holdFor = holdFor;
    }

    /** Writes {@code response} after {@code delayMs}; {@code answering} runs just before it is written or dropped. */
    void answer(HttpExchange exchange, PreparedResponse response, long delayMs, Runnable answering) {
        if (delayMs <= 0) {
            answering.run();
            write(exchange, response);
            return;
        }
        try {
            timer.schedule(() -> writeOnWorker(exchange, response, answering), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            answering.run();
            exchange.close();
        }
    }

    /** Keeps the exchange open without an answer; when the hold ends, {@code ended} runs and the connection drops. */
    void hold(HttpExchange exchange, Runnable ended) {
        held.put(exchange, ended);
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
        held.keySet().forEach(this::release);
    }

    private void writeOnWorker(HttpExchange exchange, PreparedResponse response, Runnable answering) {
        try {
            writers.execute(() -> {
                answering.run();
                write(exchange, response);
            });
        } catch (RejectedExecutionException closing) {
            answering.run();
            exchange.close();
        }
    }

    private void release(HttpExchange exchange) {
        Runnable ended = held.remove(exchange);
        if (ended != null) {
            ended.run();
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

package passrelay.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the relay's state. Other threads hand it tasks; the first task that throws
 * stops it for good (the engine cannot vouch for its bookkeeping after a bug), and {@link #fatal}
 * tells the poll loop, which then stops without committing.
 */
final class EventLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "passrelay-dispatch");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    /** Runs {@code task} on the loop, soon. Once the worker stops, tasks are dropped: the next owner redoes the work. */
    void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    void schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    void every(Duration period, Runnable task) {
        executor.scheduleWithFixedDelay(guarded(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From another thread: runs {@code question} on the loop and waits (bounded) for its answer. */
    <T> T ask(Supplier<T> question) {
        try {
            return CompletableFuture.supplyAsync(question, executor).get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the relay engine", e);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("the relay engine did not answer: " + e, e);
        }
    }

    /** The bug that stopped the loop, if any. */
    Optional<Throwable> fatal() {
        return Optional.ofNullable(fatal.get());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            if (fatal.get() != null) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("the relay engine failed; stopping without committing", e);
                fatal.compareAndSet(null, e);
            }
        };
    }
}

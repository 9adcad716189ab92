package passrelay.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.alipay.UpdatePassClient;
import passrelay.ops.HealthServer;
import passrelay.ops.Readiness;

/** A running worker: a poll thread, an event loop, a producer and the AlipayHK client. Built by {@link WorkerAssembly}. */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /**
     * How records are serialized. {@code PER_PASS} is passrelay; {@code PER_PARTITION} is the classic
     * partition-serial consumer (one call in flight per partition), kept only as the benchmark's baseline.
     */
    public enum Ordering { PER_PASS, PER_PARTITION }

    private final PollLoop pollLoop;
    private final Thread pollThread;
    private final EventLoop loop;
    private final Producer<byte[], byte[]> producer;
    private final UpdatePassClient client;
    private final Readiness readiness;
    private final Optional<HealthServer> health;
    private final Duration shutdownBound;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();

    Worker(PollLoop pollLoop, EventLoop loop, Producer<byte[], byte[]> producer, UpdatePassClient client,
           Readiness readiness, Optional<HealthServer> health, Duration shutdownBound) {
        this.pollLoop = pollLoop;
        this.loop = loop;
        this.producer = producer;
        this.client = client;
        this.readiness = readiness;
        this.health = health;
        this.shutdownBound = shutdownBound;
        this.pollThread = new Thread(this::poll, "passrelay-poll");
    }

    void start() {
        pollThread.start();
        readiness.started();
    }

    private void poll() {
        try {
            pollLoop.run();
        } catch (RuntimeException e) {
            log.error("the poll loop died", e);
            failed.set(true);
            readiness.dead("the poll loop died: " + e);
        } finally {
            stopped.countDown();
        }
    }

    /** Liveness and readiness, as {@code /health/live} and {@code /health/ready} report them. */
    public Readiness readiness() {
        return readiness;
    }

    /** The port of the health and metrics endpoint, when the worker serves one. */
    public Optional<Integer> healthPort() {
        return health.map(HealthServer::port);
    }

    /** Blocks until the worker has stopped (after {@link #close()} or a fatal error). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** True when the worker stopped because of an error rather than being closed. */
    public boolean failed() {
        return failed.get();
    }

    /** Drains in-flight work, commits, and stops. */
    @Override
    public void close() {
        shutdown(false);
    }

    /** Stops as a crash would: nothing drained, nothing committed (for tests of recovery). */
    public void abandon() {
        shutdown(true);
    }

    private void shutdown(boolean abandonWork) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pollLoop.stop(abandonWork);
        try {
            if (!stopped.await(shutdownBound.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the poll loop did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(abandonWork ? Duration.ZERO : Duration.ofSeconds(10));
        loop.close();
        client.close();
        health.ifPresent(HealthServer::close);
    }
}

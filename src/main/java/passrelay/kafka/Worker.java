package passrelay.kafka;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.alipay.UpdatePassClient;
import passrelay.config.AlipaySettings;
import passrelay.config.KafkaSettings;
import passrelay.config.WorkerSettings;
import passrelay.dispatch.DispatchLimits;
import passrelay.dispatch.Dispatcher;
import passrelay.event.EventDecoder;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;

/** The running worker: a poll thread, an event-loop thread, a producer, and the AlipayHK client. */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration TICK = Duration.ofMillis(20);

    private final PollLoop pollLoop;
    private final Thread pollThread;
    private final ScheduledExecutorService loop;
    private final KafkaProducer<byte[], byte[]> producer;
    private final UpdatePassClient client;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Duration shutdownBound;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();

    private Worker(PollLoop pollLoop, ScheduledExecutorService loop, KafkaProducer<byte[], byte[]> producer,
                   UpdatePassClient client, Readiness readiness, Duration shutdownBound) {
        this.shutdownBound = shutdownBound;
        this.pollLoop = pollLoop;
        this.loop = loop;
        this.producer = producer;
        this.client = client;
        this.pollThread = new Thread(() -> {
            try {
                pollLoop.run();
            } catch (RuntimeException e) {
                log.error("the poll loop died", e);
                failed.set(true);
                readiness.dead();
            } finally {
                stopped.countDown();
            }
        }, "passrelay-poll");
    }

    /** What a worker is made of; the client is given so tests and the demo can point it anywhere. */
    public record Parts(KafkaSettings kafka, WorkerSettings worker, AlipaySettings alipay, UpdatePassClient client,
                        CircuitBreaker breaker, Metrics metrics, Readiness readiness, Clock clock, Ordering ordering) {

        public Parts(KafkaSettings kafka, WorkerSettings worker, AlipaySettings alipay, UpdatePassClient client,
                     CircuitBreaker breaker, Metrics metrics, Readiness readiness, Clock clock) {
            this(kafka, worker, alipay, client, breaker, metrics, readiness, clock, Ordering.PER_PASS);
        }
    }

    /**
     * How records are serialized. {@code PER_PASS} is passrelay; {@code PER_PARTITION} is the classic
     * partition-serial consumer (one call in flight per partition), kept only as the benchmark's baseline.
     */
    public enum Ordering { PER_PASS, PER_PARTITION }

    public static Worker start(Parts parts) {
        String clientId = "passrelay-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProperties.consumer(parts.kafka(), parts.kafka().groupId(), clientId));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClientProperties.producer(parts.kafka(), clientId));
        warmUp(producer, parts.kafka());
        new KafkaClientMetrics(consumer).bindTo(parts.metrics().registry());
        new KafkaClientMetrics(producer).bindTo(parts.metrics().registry());

        WorkerSettings settings = parts.worker();
        Dispatcher<Pending> dispatcher = new Dispatcher<>(new DispatchLimits(settings.maxInFlight(),
                settings.maxBuffered(), settings.retryMaxAttempts(), settings.retryInitialBackoff(),
                settings.retryMaxBackoff()), parts.clock(), RandomGenerator.getDefault());
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "passrelay-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        RelayEngine engine = new RelayEngine(dispatcher, new EventDecoder(parts.alipay().defaultMerchantId()),
                parts.client(), parts.breaker(), new OutcomePublisher(producer, parts.kafka().resultsTopic(),
                parts.kafka().dltTopic()), parts.metrics(), parts.readiness(), parts.clock(), loop, parts.ordering());
        Duration drainTimeout = parts.alipay().timeout().plusSeconds(5);
        PollLoop pollLoop = new PollLoop(consumer, engine, parts.breaker(), parts.kafka().inputTopic(), drainTimeout);
        parts.metrics().engineGauges(() -> engine.snapshot().inFlight(), () -> engine.snapshot().buffered(),
                () -> engine.snapshot().lanes(), pollLoop::pausedPartitions);
        Worker worker = new Worker(pollLoop, loop, producer, parts.client(), parts.readiness(),
                drainTimeout.plusSeconds(20));
        engine.startTicking(TICK);
        worker.pollThread.start();
        parts.readiness().started();
        return worker;
    }

    /** Fetches the outcome topics' metadata now, so that the first sends need not wait for it. */
    private static void warmUp(KafkaProducer<byte[], byte[]> producer, KafkaSettings kafka) {
        for (String topic : java.util.List.of(kafka.resultsTopic(), kafka.dltTopic())) {
            try {
                producer.partitionsFor(topic);
            } catch (org.apache.kafka.common.KafkaException e) {
                log.error("topic {} is not available ({}): outcomes are held until it is", topic, e.toString());
            }
        }
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
        loop.shutdownNow();
        client.close();
    }
}

package passrelay.kafka;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.alipay.HttpUpdatePassClient;
import passrelay.alipay.UpdatePassClient;
import passrelay.config.ConcurrencyMode;
import passrelay.config.KafkaSettings;
import passrelay.config.WorkerSettings;
import passrelay.dispatch.DispatchLimits;
import passrelay.dispatch.Dispatcher;
import passrelay.dispatch.SourcePartition;
import passrelay.event.DeadLetterReason;
import passrelay.event.EventDecoder;
import passrelay.ops.BuildVersion;
import passrelay.ops.HealthServer;
import passrelay.ops.Metrics;
import passrelay.ops.PartitionGauges;
import passrelay.ops.Readiness;
import passrelay.relay.AdaptiveConcurrency;
import passrelay.relay.AlipayBreaker;
import passrelay.relay.BreakerState;
import passrelay.relay.ConcurrencyLimit;
import passrelay.relay.LimitCut;
import passrelay.relay.RelayPolicy;

/**
 * The composition root: the one place a worker is put together from its settings — Kafka clients, the
 * AlipayHK client, the breaker and the relay policy, the dispatcher, the engine and the poll loop,
 * metrics, readiness and the health endpoint. {@code passrelay run}, the demo, the tests and the
 * benchmark all start workers here. It lives beside the worker's parts so they can stay package-private.
 */
public final class WorkerAssembly {
    private static final Logger log = LoggerFactory.getLogger(WorkerAssembly.class);
    private static final Duration TICK = Duration.ofMillis(20);
    /** How soon per-partition gauges follow a rebalance; until then a revoked partition's reads 0. */
    private static final Duration PARTITION_GAUGES_SYNC = Duration.ofSeconds(1);
    /** Beyond the drain bound: how long a stop may take to close the clients. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(20);

    private WorkerAssembly() {
    }

    /**
     * How a worker is started, beyond its settings.
     *
     * @param registry    where its meters go; with {@code serveHealth}, a Prometheus registry
     * @param serveHealth serve /health/live, /health/ready and /metrics on {@code PASSRELAY_HTTP_PORT}
     * @param ordering    {@code PER_PARTITION} only for the benchmark's baseline
     * @param openTelemetry where its spans go: {@link GlobalOpenTelemetry} (an agent's or autoconfigured SDK's,
     *                      else the no-op API), or a test's own SDK, which then stays out of the process-wide one
     */
    public record Options(MeterRegistry registry, boolean serveHealth, Worker.Ordering ordering,
                          OpenTelemetry openTelemetry) {

        /** As {@code passrelay run} starts it: Prometheus meters, the health endpoint, the global OpenTelemetry. */
        public static Options production() {
            return new Options(Metrics.prometheus(), true, Worker.Ordering.PER_PASS, GlobalOpenTelemetry.get());
        }

        /** Meters in {@code registry}, no HTTP endpoint (the demo, tests). */
        public static Options embedded(MeterRegistry registry) {
            return new Options(registry, false, Worker.Ordering.PER_PASS, GlobalOpenTelemetry.get());
        }

        public Options withOrdering(Worker.Ordering value) {
            return new Options(registry, serveHealth, value, openTelemetry);
        }

        public Options withOpenTelemetry(OpenTelemetry value) {
            return new Options(registry, serveHealth, ordering, value);
        }
    }

    /** Builds and starts a worker with the real AlipayHK client. */
    public static Worker start(WorkerSetup setup, Options options) {
        HttpUpdatePassClient client = HttpUpdatePassClient.create(setup.alipay(), Clock.systemDefaultZone());
        return start(setup, options, client, client.crypto().label());
    }

    /** @param crypto which signer the client uses ({@code native} or {@code jdk}), for the build-info meter */
    static Worker start(WorkerSetup setup, Options options, UpdatePassClient client, String crypto) {
        Metrics metrics = new Metrics(options.registry());
        metrics.buildInfo(BuildVersion.current(), crypto);
        metrics.deadLetterReasons(Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::name).toList());
        Readiness readiness = new Readiness();
        Optional<HealthServer> health = options.serveHealth()
                ? Optional.of(HealthServer.start(setup.worker().httpPort(), readiness,
                        (PrometheusMeterRegistry) options.registry()))
                : Optional.empty();
        try {
            return assemble(setup, options, client, metrics, readiness, health);
        } catch (RuntimeException e) {
            health.ifPresent(HealthServer::close);
            client.close();
            throw e;
        }
    }

    private static Worker assemble(WorkerSetup setup, Options options, UpdatePassClient client, Metrics metrics,
                                   Readiness readiness, Optional<HealthServer> health) {
        Clock clock = Clock.systemUTC();
        KafkaSettings kafka = setup.kafka();
        String clientId = "passrelay-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProperties.consumer(kafka, kafka.groupId(), clientId));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientProperties.producer(kafka, clientId));
        warmUp(producer, kafka);
        KafkaClientMeters.bind(consumer, producer, options.registry());

        Tracing tracing = new Tracing(options.openTelemetry(), clientId);
        ProcessSpans processSpans = tracing.process(kafka.inputTopic(), kafka.groupId());
        EventLoop loop = new EventLoop();
        RelayHealth relayHealth = new RelayHealth(readiness, metrics);
        AlipayBreaker breaker = new AlipayBreaker(setup.breaker(), clock, relayHealth::breakerMoved);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breaker.registry()).bindTo(options.registry());
        ConcurrencyLimit limit = concurrencyLimit(setup, relayHealth);
        Dispatcher<Pending> dispatcher = new Dispatcher<>(limits(setup.worker()), clock, RandomGenerator.getDefault());
        OutcomeDelivery delivery = new OutcomeDelivery(loop::execute, loop::schedule, metrics, readiness);
        OutcomeWriter writer = new OutcomeWriter(dispatcher, new OutcomeRecords(clock),
                new OutcomePublisher(producer, kafka.resultsTopic(), kafka.dltTopic(), tracing), delivery, metrics,
                processSpans);
        RecordIntake intake = new RecordIntake(new EventDecoder(setup.alipay().defaultMerchantId()), dispatcher, writer,
                new KeyMismatchWarnings(metrics), options.ordering(), clock, metrics, processSpans);
        RelayEngine engine = new RelayEngine(dispatcher, dispatcher, intake, writer, client, breaker, limit,
                new RelayPolicy(setup.worker().retryMaxAttempts(), breaker, limit), relayHealth, metrics, loop,
                tracing.calls(URI.create(setup.alipay().baseUrl() + UpdatePassClient.PATH)));

        Duration drainTimeout = setup.alipay().timeout().plusSeconds(5);
        PollLoop pollLoop = new PollLoop(consumer, engine, new OffsetCommitter(consumer, engine, metrics),
                kafka.inputTopic(), drainTimeout);
        metrics.engineGauges(new Metrics.EngineGauges(() -> engine.snapshot().inFlight(),
                () -> engine.snapshot().buffered(), () -> engine.snapshot().lanes(),
                () -> engine.snapshot().retriesWaiting(), pollLoop::pausedPartitions));
        if (setup.worker().concurrency() == ConcurrencyMode.ADAPTIVE) {
            metrics.concurrencyFloor(setup.worker().concurrencyMin());
        }
        metrics.concurrency(() -> engine.snapshot().concurrencyLimit(),
                Arrays.stream(LimitCut.Cause.values()).map(LimitCut.Cause::label).toList());
        metrics.breakerState(Arrays.stream(BreakerState.values()).map(BreakerState::label).toList(),
                () -> engine.snapshot().breaker().label());
        PartitionGauges<SourcePartition> ages = metrics.oldestUnfinishedAge(
                partition -> engine.snapshot().oldestUnfinished().get(partition), clock);
        loop.every(PARTITION_GAUGES_SYNC, () -> ages.track(dispatcher.assignedPartitions()));
        Worker worker = new Worker(pollLoop, loop, producer, client, readiness, health, drainTimeout.plus(STOP_MARGIN));
        engine.startTicking(TICK);
        worker.start();
        return worker;
    }

    /**
     * Adaptive between {@code PASSRELAY_CONCURRENCY_MIN} and {@code PASSRELAY_MAX_IN_FLIGHT}, or fixed. An answer
     * slower than half the call timeout cuts the limit before calls start timing out.
     */
    private static ConcurrencyLimit concurrencyLimit(WorkerSetup setup, RelayHealth health) {
        WorkerSettings worker = setup.worker();
        if (worker.concurrency() == ConcurrencyMode.FIXED) {
            return ConcurrencyLimit.fixed(worker.maxInFlight());
        }
        ConcurrencyLimit limit = new AdaptiveConcurrency(worker.concurrencyMin(), worker.maxInFlight(),
                setup.alipay().timeout().dividedBy(2), health::limitCut);
        log.info("concurrency: adaptive, {} to {} calls in flight", worker.concurrencyMin(), worker.maxInFlight());
        return limit;
    }

    private static DispatchLimits limits(WorkerSettings settings) {
        return new DispatchLimits(settings.maxInFlight(), settings.maxBuffered(), settings.retryMaxAttempts(),
                settings.retryInitialBackoff(), settings.retryMaxBackoff());
    }

    /** Fetches the outcome topics' metadata now, so that the first sends need not wait for it. */
    private static void warmUp(KafkaProducer<byte[], byte[]> producer, KafkaSettings kafka) {
        for (String topic : List.of(kafka.resultsTopic(), kafka.dltTopic())) {
            try {
                producer.partitionsFor(topic);
            } catch (org.apache.kafka.common.KafkaException e) {
                log.error("topic {} is not available ({}): outcomes are held until it is", topic, e.toString());
            }
        }
    }
}

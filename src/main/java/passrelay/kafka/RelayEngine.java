package passrelay.kafka;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.alipay.CallOutcome;
import passrelay.alipay.UpdatePassClient;
import passrelay.dispatch.Dispatcher;
import passrelay.dispatch.Job;
import passrelay.dispatch.Settled;
import passrelay.dispatch.SourcePartition;
import passrelay.event.DecodedEvent;
import passrelay.event.EventDecoder;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;

/**
 * Turns consumed records into calls, outcomes and publications. Everything here runs on one
 * event-loop thread ({@code loop}), which owns the {@link Dispatcher}; HTTP and producer callbacks
 * hop back onto it. The poll thread talks to it only through {@link #submit} and {@link #query}.
 */
final class RelayEngine {
    private static final Logger log = LoggerFactory.getLogger(RelayEngine.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final Dispatcher<Pending> dispatcher;
    private final EventDecoder decoder;
    private final UpdatePassClient client;
    private final CircuitBreaker breaker;
    private final OutcomePublisher publisher;
    private final OutcomeRecords records;
    private final Metrics metrics;
    private final Readiness readiness;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final OutcomeDelivery delivery;
    private final KeyMismatchWarnings keyMismatches;
    private volatile EngineSnapshot snapshot = new EngineSnapshot(0, 0, 0);
    private final Worker.Ordering ordering;
    private final java.util.concurrent.atomic.AtomicReference<Throwable> fatal =
            new java.util.concurrent.atomic.AtomicReference<>();

    RelayEngine(Dispatcher<Pending> dispatcher, EventDecoder decoder, UpdatePassClient client, CircuitBreaker breaker,
                OutcomePublisher publisher, Metrics metrics, Readiness readiness, Clock clock,
                ScheduledExecutorService loop, Worker.Ordering ordering) {
        this.dispatcher = dispatcher;
        this.decoder = decoder;
        this.client = client;
        this.breaker = breaker;
        this.publisher = publisher;
        this.records = new OutcomeRecords(clock);
        this.metrics = metrics;
        this.readiness = readiness;
        this.clock = clock;
        this.loop = loop;
        this.ordering = ordering;
        this.keyMismatches = new KeyMismatchWarnings(metrics);
        this.delivery = new OutcomeDelivery(this::onLoop,
                (task, delay) -> loop.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS),
                metrics, readiness);
    }

    /** Starts the periodic pump that starts due retries and half-open trial calls. */
    void startTicking(Duration tick) {
        loop.scheduleWithFixedDelay(guarded(this::pump), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From the poll thread: hands records over to the loop. */
    void submit(Iterable<ConsumerRecord<byte[], byte[]>> consumed) {
        onLoop(() -> {
            int count = 0;
            for (ConsumerRecord<byte[], byte[]> record : consumed) {
                accept(record);
                count++;
            }
            metrics.consumed(count);
            pump();
        });
    }

    /** From the poll thread: runs {@code question} on the loop and waits (bounded) for its answer. */
    <T> T query(java.util.function.Function<Dispatcher<Pending>, T> question) {
        try {
            return CompletableFuture.supplyAsync(() -> question.apply(dispatcher), loop)
                    .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the dispatch engine", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the dispatch engine did not answer: " + e, e);
        }
    }

    /** Counts for the gauges, refreshed on every tick: reading them never waits for the loop. */
    record EngineSnapshot(int inFlight, int buffered, int lanes) {
    }

    EngineSnapshot snapshot() {
        return snapshot;
    }

    /** Partitions whose in-flight calls and publications have all settled. */
    boolean quiet(Collection<SourcePartition> partitions) {
        return query(d -> partitions.stream()
                .allMatch(p -> d.inFlight(p) == 0 && delivery.inProgress(p) == 0));
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        SourcePartition partition = new SourcePartition(record.topic(), record.partition());
        DecodedEvent decoded = decoder.decode(record.value());
        if (decoded instanceof DecodedEvent.Malformed malformed) {
            Settled settled = dispatcher.acceptSettled(partition, record.offset());
            log.warn("malformed record {}-{}@{} to the DLT: {}", record.topic(), record.partition(), record.offset(),
                    malformed.reason());
            metrics.deadLettered("MALFORMED_EVENT");
            Map<String, String> headers = records.malformed(record, malformed).headers();
            delivery.deliver(partition, () -> dispatcher.isCurrent(settled), () -> dispatcher.published(settled),
                    List.of(() -> publisher.deadLetter(record, headers)));
        } else if (decoded instanceof DecodedEvent.Invalid invalid) {
            Settled settled = dispatcher.acceptSettled(partition, record.offset());
            var result = records.invalid(record, invalid.event(), invalid.message());
            metrics.outcome(result.resultStatus(), result.resultCode());
            byte[] json = result.toJson();
            delivery.deliver(partition, () -> dispatcher.isCurrent(settled), () -> dispatcher.published(settled),
                    List.of(() -> publisher.result(invalid.event().passId(), json)));
        } else if (decoded instanceof DecodedEvent.Valid valid) {
            keyMismatches.check(record, valid.event().passId());
            String lane = ordering == Worker.Ordering.PER_PASS ? valid.event().passId() : "";
            dispatcher.accept(partition, record.offset(), lane, new Pending(record, valid.event(), clock.instant()));
        }
    }

    /**
     * The bug that stopped the engine, if any. The engine cannot vouch for its bookkeeping after an
     * unexpected exception, so the worker stops without committing and the next owner redoes the work.
     */
    Optional<Throwable> fatal() {
        return Optional.ofNullable(fatal.get());
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(guarded(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the worker is stopping: what did not finish is redone by the partition's next owner
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            if (fatal.get() != null) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("the dispatch engine failed; stopping without committing", e);
                fatal.compareAndSet(null, e);
            }
        };
    }

    private void pump() {
        boolean open = AlipayCircuitBreaker.isOpen(breaker);
        readiness.circuitOpen(open);
        snapshot = new EngineSnapshot(dispatcher.inFlight(), dispatcher.buffered(), dispatcher.lanes());
        if (open) {
            return; // no call while AlipayHK is down; the breaker turns half-open by itself
        }
        for (Job<Pending> job : dispatcher.start(breaker::tryAcquirePermission)) {
            long started = System.nanoTime();
            client.updatePass(job.payload().event().update())
                    .whenComplete((outcome, error) -> onLoop(() -> onOutcome(job,
                            outcome != null ? outcome : OutcomeRecords.clientBug(error), started)));
        }
    }

    private void onOutcome(Job<Pending> job, CallOutcome outcome, long startedNanos) {
        long elapsed = System.nanoTime() - startedNanos;
        breaker.onResult(elapsed, TimeUnit.NANOSECONDS, outcome);
        metrics.call(outcome.outcomeClass(), Duration.ofNanos(elapsed));
        noteHealth(outcome);
        if (!dispatcher.isCurrent(job)) {
            dispatcher.landStale(job); // the partition was lost: its new owner will call again
            return;
        }
        if (outcome.retryable()) {
            boolean countAttempt = !AlipayCircuitBreaker.refundsAttempts(breaker);
            if (!countAttempt || dispatcher.budgetLeft(job)) {
                metrics.retry();
                dispatcher.retryLater(job, countAttempt);
                pump();
                return;
            }
        }
        complete(job, outcome);
        pump();
    }

    private void complete(Job<Pending> job, CallOutcome outcome) {
        dispatcher.finish(job);
        Pending pending = job.payload();
        boolean reconciled = isReconciled(job, outcome);
        var result = records.result(job, outcome, reconciled);
        metrics.outcome(result.resultStatus(), result.resultCode());
        byte[] json = result.toJson();
        List<Supplier<CompletableFuture<Void>>> publications = new ArrayList<>();
        publications.add(() -> publisher.result(pending.event().passId(), json));
        if (outcome.retryable()) {
            metrics.deadLettered("UNKNOWN_RESULT");
            Map<String, String> headers = records.unknown(job, outcome).headers();
            publications.add(() -> publisher.deadLetter(pending.record(), headers));
        }
        delivery.deliver(job.partition(), () -> dispatcher.isCurrent(job), () -> dispatcher.published(job),
                publications);
    }

    /** A USED retried after a U that answers PASS_USED_OCCUPIED: the earlier attempt took effect. */
    private static boolean isReconciled(Job<Pending> job, CallOutcome outcome) {
        return outcome instanceof CallOutcome.Rejected rejected
                && "PASS_USED_OCCUPIED".equals(rejected.resultCode())
                && "USED".equals(job.payload().event().status())
                && job.hadRetryableFailure();
    }

    private void noteHealth(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Misconfigured misconfigured) {
            if (readiness.notReadyBecause().isEmpty()) {
                log.error("AlipayHK rejects our configuration: {} {} — check ALIPAYHK_CLIENT_ID, keys and "
                        + "ALIPAYHK_BASE_URL; events are held and retried, not failed", misconfigured.resultCode(),
                        misconfigured.resultMessage());
            }
            readiness.misconfigured(misconfigured.resultCode());
        } else if (outcome instanceof CallOutcome.Success) {
            readiness.callSucceeded();
        }
    }
}

package passrelay.kafka;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
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
    private static final Duration REPUBLISH_DELAY = Duration.ofSeconds(1);

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
    private final Map<SourcePartition, Integer> publishing = new HashMap<>();
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

    /** From the poll thread: runs {@code question} on the loop and waits for its answer. */
    <T> T query(java.util.function.Function<Dispatcher<Pending>, T> question) {
        return CompletableFuture.supplyAsync(() -> question.apply(dispatcher), loop).join();
    }

    /** Partitions whose in-flight calls and publications have all settled. */
    boolean quiet(Collection<SourcePartition> partitions) {
        return query(d -> partitions.stream()
                .allMatch(p -> d.inFlight(p) == 0 && publishing.getOrDefault(p, 0) == 0));
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        SourcePartition partition = new SourcePartition(record.topic(), record.partition());
        DecodedEvent decoded = decoder.decode(record.value());
        if (decoded instanceof DecodedEvent.Malformed malformed) {
            Settled settled = dispatcher.acceptSettled(partition, record.offset());
            log.warn("malformed record {}-{}@{} to the DLT: {}", record.topic(), record.partition(), record.offset(),
                    malformed.reason());
            metrics.deadLettered("MALFORMED_EVENT");
            publishDurably(partition, () -> dispatcher.published(settled),
                    () -> publisher.deadLetter(record, records.malformed(record, malformed).headers()));
        } else if (decoded instanceof DecodedEvent.Invalid invalid) {
            Settled settled = dispatcher.acceptSettled(partition, record.offset());
            var result = records.invalid(record, invalid.event(), invalid.message());
            metrics.outcome(result.resultStatus(), result.resultCode());
            publishDurably(partition, () -> dispatcher.published(settled),
                    () -> publisher.result(invalid.event().passId(), result.toJson()));
        } else if (decoded instanceof DecodedEvent.Valid valid) {
            warnOnKeyMismatch(record, valid.event().passId());
            String lane = ordering == Worker.Ordering.PER_PASS ? valid.event().passId() : "";
            dispatcher.accept(partition, record.offset(), lane, new Pending(record, valid.event(), clock.instant()));
        }
    }

    private void warnOnKeyMismatch(ConsumerRecord<byte[], byte[]> record, String passId) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!passId.equals(key)) {
            metrics.keyMismatch();
            log.warn("record {}-{}@{} is keyed '{}' but its update.passId is '{}': ordered by passId within the "
                    + "partition only; publishers should key by passId", record.topic(), record.partition(),
                    record.offset(), key == null ? "(null)" : abbreviate(key), abbreviate(passId));
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
        readiness.circuitOpen(AlipayCircuitBreaker.isHolding(breaker));
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
            return; // the partition was lost: its new owner will call again
        }
        if (outcome.retryable()) {
            boolean countAttempt = !AlipayCircuitBreaker.isHolding(breaker);
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
        Supplier<CompletableFuture<Void>> publication;
        if (outcome.retryable()) {
            metrics.deadLettered("UNKNOWN_RESULT");
            var deadLetter = records.unknown(job, outcome);
            publication = () -> CompletableFuture.allOf(
                    publisher.result(pending.event().passId(), result.toJson()),
                    publisher.deadLetter(pending.record(), deadLetter.headers()));
        } else {
            publication = () -> publisher.result(pending.event().passId(), result.toJson());
        }
        publishDurably(job.partition(), () -> dispatcher.published(job), publication);
    }

    /** A USED retried after a U that answers PASS_USED_OCCUPIED: the earlier attempt took effect. */
    private static boolean isReconciled(Job<Pending> job, CallOutcome outcome) {
        return outcome instanceof CallOutcome.Rejected rejected
                && "PASS_USED_OCCUPIED".equals(rejected.resultCode())
                && "USED".equals(job.payload().event().status())
                && job.hadRetryableFailure();
    }

    /** Publishes until the broker acknowledges; only then is the offset complete. */
    private void publishDurably(SourcePartition partition, Runnable markPublished,
                                Supplier<CompletableFuture<Void>> publication) {
        publishing.merge(partition, 1, Integer::sum);
        publication.get().whenComplete((ok, error) -> onLoop(() -> {
            publishing.merge(partition, -1, Integer::sum);
            if (error == null) {
                markPublished.run();
            } else if (dispatcher.isAssigned(partition)) {
                metrics.publishRetry();
                log.warn("publishing an outcome for {} failed, trying again: {}", partition, error.toString());
                publishing.merge(partition, 1, Integer::sum);
                loop.schedule(guarded(() -> {
                    publishing.merge(partition, -1, Integer::sum);
                    publishDurably(partition, markPublished, publication);
                }), REPUBLISH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }));
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

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

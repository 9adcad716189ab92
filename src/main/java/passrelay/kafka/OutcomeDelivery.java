package passrelay.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.dispatch.SourcePartition;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;

/**
 * Publishes an outcome's records (a result, a dead letter, or both) until the broker has
 * acknowledged each, then completes the record's offset. Each record is retried on its own, so a
 * failed dead letter does not duplicate an acknowledged result. Confined to the event loop.
 */
final class OutcomeDelivery {
    private static final Logger log = LoggerFactory.getLogger(OutcomeDelivery.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration STUCK_RETRY_DELAY = Duration.ofSeconds(10);

    private final Consumer<Runnable> onLoop;
    private final BiConsumer<Runnable, Duration> onLoopLater;
    private final Metrics metrics;
    private final Readiness readiness;
    private final Map<SourcePartition, Integer> inProgress = new HashMap<>();

    /**
     * @param onLoop      runs a task on the event loop (completions arrive on producer threads)
     * @param onLoopLater runs a task on the event loop after a delay
     */
    OutcomeDelivery(Consumer<Runnable> onLoop, BiConsumer<Runnable, Duration> onLoopLater, Metrics metrics,
                    Readiness readiness) {
        this.onLoop = onLoop;
        this.onLoopLater = onLoopLater;
        this.metrics = metrics;
        this.readiness = readiness;
    }

    /**
     * Sends every record of the outcome of {@code source}; once all are acknowledged, runs {@code markPublished}.
     * While {@code current} holds (the partition is still ours, same epoch), failures are retried.
     */
    void deliver(RecordFields source, BooleanSupplier current, Runnable markPublished,
                 List<Supplier<CompletableFuture<Void>>> records) {
        int[] remaining = {records.size()};
        for (Supplier<CompletableFuture<Void>> record : records) {
            send(source, current, record, () -> {
                if (--remaining[0] == 0) {
                    markPublished.run();
                }
            });
        }
    }

    /** Records of the partition sent and not yet acknowledged (or waiting to be sent again). */
    int inProgress(SourcePartition partition) {
        return inProgress.getOrDefault(partition, 0);
    }

    private void send(RecordFields source, BooleanSupplier current, Supplier<CompletableFuture<Void>> record,
                      Runnable acknowledged) {
        SourcePartition partition = source.partition();
        inProgress.merge(partition, 1, Integer::sum);
        record.get().whenComplete((ok, error) -> onLoop.accept(() -> {
            if (error == null) {
                inProgress.merge(partition, -1, Integer::sum);
                readiness.publishing(null);
                acknowledged.run();
            } else if (!current.getAsBoolean()) {
                inProgress.merge(partition, -1, Integer::sum); // the partition's next owner redoes it
            } else {
                retryLater(source, current, record, acknowledged, unwrap(error));
            }
        }));
    }

    private void retryLater(RecordFields source, BooleanSupplier current, Supplier<CompletableFuture<Void>> record,
                            Runnable acknowledged, Throwable error) {
        metrics.publishRetry();
        boolean transient_ = error instanceof RetriableException;
        if (transient_) {
            source.addTo(log.atWarn()).addKeyValue("error", error.toString())
                    .log("publishing an outcome failed, trying again");
        } else {
            source.addTo(log.atError()).addKeyValue("error", error.toString())
                    .log("publishing an outcome keeps failing and will not succeed by itself; its offset is held, "
                            + "nothing is committed past it");
            readiness.publishing(error.getClass().getSimpleName());
        }
        onLoopLater.accept(() -> {
            inProgress.merge(source.partition(), -1, Integer::sum);
            if (current.getAsBoolean()) {
                send(source, current, record, acknowledged);
            }
        }, transient_ ? RETRY_DELAY : STUCK_RETRY_DELAY);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}

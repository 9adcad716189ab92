package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import passrelay.dispatch.SourcePartition;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;

class OutcomeDeliveryTest {
    private static final SourcePartition P0 = new SourcePartition("pass-updates", 0);
    private static final RecordFields RECORD = RecordFields.of(P0, 7, "pass-1", "event-1");
    private final Queue<Runnable> later = new ArrayDeque<>();
    private final Readiness readiness = new Readiness();
    private final OutcomeDelivery delivery = new OutcomeDelivery(Runnable::run, (task, delay) -> later.add(task),
            new Metrics(new SimpleMeterRegistry()), readiness);

    /** A record whose sends fail with the given errors, then succeed; counts the sends. */
    private static final class FlakyRecord {
        final AtomicInteger sends = new AtomicInteger();
        final List<RuntimeException> failures;

        FlakyRecord(RuntimeException... failures) {
            this.failures = new ArrayList<>(List.of(failures));
        }

        CompletableFuture<Void> send() {
            int attempt = sends.getAndIncrement();
            return attempt < failures.size() ? CompletableFuture.failedFuture(failures.get(attempt))
                    : CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void shouldRetryOnlyTheRecordThatFailedAndCompleteTheOffsetOnceBothAreAcknowledged() {
        FlakyRecord result = new FlakyRecord();
        FlakyRecord deadLetter = new FlakyRecord(new TimeoutException("broker slow"));
        AtomicInteger published = new AtomicInteger();

        delivery.deliver(RECORD, () -> true, published::incrementAndGet, List.of(result::send, deadLetter::send));
        assertThat(published).as("not before the dead letter is acknowledged").hasValue(0);
        assertThat(delivery.inProgress(P0)).isEqualTo(1);
        later.poll().run();

        assertThat(published).hasValue(1);
        assertThat(result.sends).as("the acknowledged result is not sent again").hasValue(1);
        assertThat(deadLetter.sends).hasValue(2);
        assertThat(delivery.inProgress(P0)).isZero();
    }

    @Test
    void shouldStopRetryingOnceThePartitionIsNoLongerOurs() {
        FlakyRecord result = new FlakyRecord(new TimeoutException("broker slow"));
        AtomicBoolean current = new AtomicBoolean(true);
        AtomicInteger published = new AtomicInteger();

        delivery.deliver(RECORD, current::get, published::incrementAndGet, List.of(result::send));
        current.set(false);
        later.poll().run();

        assertThat(result.sends).hasValue(1);
        assertThat(published).hasValue(0);
        assertThat(delivery.inProgress(P0)).isZero();
    }

    @Test
    void shouldMarkReadinessDownWhileAnErrorThatWillNotPassByItselfHoldsTheOffset() {
        FlakyRecord deadLetter = new FlakyRecord(new RecordTooLargeException("too large"));
        AtomicInteger published = new AtomicInteger();

        readiness.started();
        delivery.deliver(RECORD, () -> true, published::incrementAndGet, List.of(deadLetter::send));

        assertThat(readiness.notReadyBecause()).hasValueSatisfying(why -> assertThat(why).contains("RecordTooLarge"));
        assertThat(published).hasValue(0);
        later.poll().run();
        assertThat(published).hasValue(1);
        assertThat(readiness.notReadyBecause()).isEmpty();
    }
}

package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DispatcherHoldTest {
    private final SourcePartition held = new SourcePartition("t", 0);
    private final SourcePartition other = new SourcePartition("t", 1);
    private final Dispatcher<String> dispatcher = new Dispatcher<>(
            new DispatchLimits(10, 100, 3, Duration.ofMillis(10), Duration.ofMillis(100)),
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), new Random(1));

    @Test
    void shouldStartNothingOfAHeldPartitionWhileItsInFlightJobStillFinishes() {
        dispatcher.assign(held);
        dispatcher.assign(other);
        Job<String> inFlight = dispatcher.accept(held, 0, "pass-a", "a1");
        dispatcher.accept(held, 1, "pass-a", "a2");
        dispatcher.accept(held, 2, "pass-b", "b1");
        assertThat(dispatcher.start(() -> true)).extracting(Job::payload).containsExactly("a1", "b1");

        dispatcher.hold(held);
        dispatcher.accept(other, 0, "pass-c", "c1");
        dispatcher.finish(inFlight);
        dispatcher.published(inFlight);

        List<Job<String>> started = dispatcher.start(() -> true);
        assertThat(started).extracting(Job::payload).containsExactly("c1");
        assertThat(dispatcher.committableOffset(held)).hasValue(1);
    }

    @Test
    void shouldIgnoreThePublicationOfASettledRecordFromAnEarlierEpoch() {
        dispatcher.assign(held);
        Settled old = dispatcher.acceptSettled(held, 0);
        dispatcher.revoke(held);
        dispatcher.assign(held);
        dispatcher.acceptSettled(held, 0);

        assertThat(dispatcher.published(old)).isFalse();
        assertThat(dispatcher.committableOffset(held)).hasValue(0);
    }
}

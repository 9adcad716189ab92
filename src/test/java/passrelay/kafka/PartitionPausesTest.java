package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import passrelay.dispatch.SourcePartition;

class PartitionPausesTest {
    private final TopicPartition tp0 = new TopicPartition("t", 0);
    private final TopicPartition tp1 = new TopicPartition("t", 1);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final PartitionPauses pauses = new PartitionPauses();

    @Test
    void shouldPauseEverythingWhileTheCircuitIsOpenAndOnlyTheFullPartitionsOtherwise() {
        consumer.assign(List.of(tp0, tp1));

        pauses.apply(consumer, Set.of(new SourcePartition("t", 0)), Set.of(), false);
        assertThat(consumer.paused()).containsExactly(tp0);

        pauses.apply(consumer, Set.of(), Set.of(), true);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(tp0, tp1);
        assertThat(pauses.pausedCount()).isEqualTo(2);

        pauses.apply(consumer, Set.of(), Set.of(), false);
        assertThat(consumer.paused()).as("the circuit closed; tp0 is still too full").containsExactly(tp0);

        pauses.apply(consumer, Set.of(), Set.of(new SourcePartition("t", 0)), false);
        assertThat(consumer.paused()).isEmpty();
        assertThat(pauses.pausedCount()).isZero();
    }

    @Test
    void shouldForgetThePausesOfPartitionsHandedBack() {
        consumer.assign(List.of(tp0));
        pauses.apply(consumer, Set.of(new SourcePartition("t", 0)), Set.of(), false);

        pauses.forget(List.of(tp0));
        consumer.assign(List.of(tp0));
        consumer.resume(List.of(tp0));
        pauses.apply(consumer, Set.of(), Set.of(), false);

        assertThat(consumer.paused()).as("a returning partition starts unpaused").isEmpty();
    }
}

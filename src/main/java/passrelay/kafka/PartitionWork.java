package passrelay.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.dispatch.SourcePartition;

/**
 * What the poll thread asks of the relay engine: the consumer's side of the hand-off. Every call is
 * answered on the engine's own thread; the poll thread never touches the engine's state.
 */
interface PartitionWork {

    /** Hands consumed records over; returns at once. */
    void submit(Iterable<ConsumerRecord<byte[], byte[]>> records);

    void assigned(Collection<SourcePartition> partitions);

    /** Stops starting calls for partitions about to be handed back; their in-flight calls finish. */
    void hold(Collection<SourcePartition> partitions);

    /** True once the partitions' in-flight calls and publications have all settled. */
    boolean quiet(Collection<SourcePartition> partitions);

    /** Forgets the partitions: their queued work is dropped uncommitted, for the next owner to redo. */
    void revoked(Collection<SourcePartition> partitions);

    /** The offset to commit per partition: below the lowest record whose outcome is not yet published. */
    Map<SourcePartition, Long> committable(Collection<SourcePartition> partitions);

    /** Which partitions to pause and resume for backpressure, and whether to hold all (AlipayHK is down). */
    Pauses pauses();

    /** The bug that stopped the engine, if any: then nothing may be committed. */
    Optional<Throwable> fatal();

    /** Pause decisions; {@code holdAll} pauses every assigned partition while the breaker is open. */
    record Pauses(Set<SourcePartition> pause, Set<SourcePartition> resume, boolean holdAll) {
    }
}

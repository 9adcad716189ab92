package passrelay.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.dispatch.CommitPoint;
import passrelay.dispatch.ResumeMarks;
import passrelay.dispatch.SourcePartition;

/**
 * What the poll thread asks of the relay engine: the consumer's side of the hand-off. Every call is
 * answered on the engine's own thread; the poll thread never touches the engine's state.
 */
interface PartitionWork {

    /** Hands consumed records over; returns at once. */
    void submit(Iterable<ConsumerRecord<byte[], byte[]>> records);

    /** The partitions are ours now, resuming from what their previous owners left. */
    void assigned(Map<SourcePartition, ResumeMarks> partitions);

    /**
     * Records are about to be handed over ({@link #submit}): notes the claims and answers the commit points to
     * commit first, with metadata of at most {@code maxChars}.
     */
    Map<SourcePartition, CommitPoint> claim(Map<SourcePartition, Claim> claims, int maxChars);

    /** Stops starting calls for partitions about to be handed back; their in-flight calls finish. */
    void hold(Collection<SourcePartition> partitions);

    /** True once the partitions' in-flight calls and publications have all settled. */
    boolean quiet(Collection<SourcePartition> partitions);

    /** Forgets the partitions: their queued work is dropped uncommitted, for the next owner to redo. */
    void revoked(Collection<SourcePartition> partitions);

    /**
     * What to commit per partition: the offset below the lowest record whose outcome is not yet published, and
     * the resume marks for the next owner as metadata of at most {@code maxChars}.
     */
    Map<SourcePartition, CommitPoint> commitPoints(Collection<SourcePartition> partitions, int maxChars);

    /** Which partitions to pause and resume for backpressure, and whether to hold all (AlipayHK is down). */
    Pauses pauses();

    /** The bug that stopped the engine, if any: then nothing may be committed. */
    Optional<Throwable> fatal();

    /** The records of a partition from {@code from} up to {@code upTo}, about to be handed over. */
    record Claim(long from, long upTo) {
    }

    /** Pause decisions; {@code holdAll} pauses every assigned partition while the breaker is open. */
    record Pauses(Set<SourcePartition> pause, Set<SourcePartition> resume, boolean holdAll) {
    }
}

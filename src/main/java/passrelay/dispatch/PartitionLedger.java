package passrelay.dispatch;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The dispatcher as the consumer's side sees it, partition by partition: assignments and their epochs,
 * hand-backs, what may be committed, and which partitions to pause for backpressure. Implemented by
 * {@link Dispatcher}; single-threaded.
 */
public interface PartitionLedger {

    void assign(SourcePartition partition);

    /** Assigns resuming from the previous owner's commit metadata ({@link ResumeMarksCodec#decode}). */
    void assign(SourcePartition partition, ResumeMarks marks);

    /**
     * Records from {@code from} up to {@code upTo} are about to be handed over: from the next commit point on,
     * they count as possibly sent, so the next owner treats them so after a crash. Commit a point before
     * handing them over.
     */
    void claim(SourcePartition partition, long from, long upTo);

    void hold(SourcePartition partition);

    void revoke(SourcePartition partition);

    int inFlight(SourcePartition partition);

    OptionalLong committableOffset(SourcePartition partition);

    /** The offset to commit with its resume marks as metadata, within the default metadata limit. */
    Optional<CommitPoint> commitPoint(SourcePartition partition);

    /** The offset to commit with its resume marks as metadata, at most {@code maxChars} long. */
    Optional<CommitPoint> commitPoint(SourcePartition partition, int maxChars);

    /** When each assigned partition's oldest unfinished record was received; partitions with none are left out. */
    Map<SourcePartition, Instant> oldestUnfinished();

    Set<SourcePartition> partitionsToPause();

    Set<SourcePartition> partitionsToResume();
}

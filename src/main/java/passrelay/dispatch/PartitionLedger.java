package passrelay.dispatch;

import java.util.OptionalLong;
import java.util.Set;

/**
 * The dispatcher as the consumer's side sees it, partition by partition: assignments and their epochs,
 * hand-backs, what may be committed, and which partitions to pause for backpressure. Implemented by
 * {@link Dispatcher}; single-threaded.
 */
public interface PartitionLedger {

    void assign(SourcePartition partition);

    void hold(SourcePartition partition);

    void revoke(SourcePartition partition);

    int inFlight(SourcePartition partition);

    OptionalLong committableOffset(SourcePartition partition);

    Set<SourcePartition> partitionsToPause();

    Set<SourcePartition> partitionsToResume();
}

package passrelay.dispatch;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Decides which partitions to pause so buffered records stay under {@code maxBuffered}, and remembers what
 * it paused. A partition pauses when the total reaches the bound or it alone reaches its fair share; it
 * resumes only once both have drained below half, so it does not flap at the threshold.
 */
final class Backpressure {

    private final int maxBuffered;
    private final Set<SourcePartition> paused = new LinkedHashSet<>();

    Backpressure(int maxBuffered) {
        this.maxBuffered = maxBuffered;
    }

    /** Newly paused partitions among {@code assigned}; the caller pauses exactly these. */
    Set<SourcePartition> toPause(Collection<SourcePartition> assigned, ToIntFunction<SourcePartition> bufferedOf,
                                 int totalBuffered) {
        int share = fairShare(assigned.size());
        boolean full = totalBuffered >= maxBuffered;
        Set<SourcePartition> pause = new LinkedHashSet<>();
        for (SourcePartition partition : assigned) {
            if (!paused.contains(partition) && (full || bufferedOf.applyAsInt(partition) >= share)) {
                pause.add(partition);
            }
        }
        paused.addAll(pause);
        return Collections.unmodifiableSet(pause);
    }

    /** Paused partitions that have drained enough to resume; the caller resumes exactly these. */
    Set<SourcePartition> toResume(int assignedCount, ToIntFunction<SourcePartition> bufferedOf, int totalBuffered) {
        if (!belowHalf(totalBuffered, maxBuffered)) {
            return Set.of();
        }
        int share = fairShare(assignedCount);
        Set<SourcePartition> resume = new LinkedHashSet<>();
        for (SourcePartition partition : paused) {
            if (belowHalf(bufferedOf.applyAsInt(partition), share)) {
                resume.add(partition);
            }
        }
        paused.removeAll(resume);
        return Collections.unmodifiableSet(resume);
    }

    /** A revoked partition loses its pause in the consumer too; a later assignment starts unpaused. */
    void forget(SourcePartition partition) {
        paused.remove(partition);
    }

    Set<SourcePartition> paused() {
        return Collections.unmodifiableSet(paused);
    }

    private int fairShare(int assignedCount) {
        return Math.max(1, maxBuffered / Math.max(1, assignedCount));
    }

    private static boolean belowHalf(int value, int threshold) {
        return 2L * value < threshold;
    }
}

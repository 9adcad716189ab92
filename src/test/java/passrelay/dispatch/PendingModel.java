package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/** The obvious, slow model of pending offsets that the simulation holds the dispatcher to. */
final class PendingModel {

    private final Map<SourcePartition, TreeSet<Long>> pending = new HashMap<>();
    private final Map<SourcePartition, Long> highest = new HashMap<>();

    void accept(SourcePartition partition, long offset) {
        pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        highest.put(partition, offset);
    }

    void complete(SourcePartition partition, long offset) {
        assertThat(pending.get(partition).remove(offset)).as("%s@%d was pending", partition, offset).isTrue();
    }

    void revoke(SourcePartition partition) {
        pending.remove(partition);
        highest.remove(partition);
    }

    OptionalLong committable(SourcePartition partition) {
        TreeSet<Long> offsets = pending.get(partition);
        if (offsets != null && !offsets.isEmpty()) {
            return OptionalLong.of(offsets.first());
        }
        Long last = highest.get(partition);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last + 1);
    }

    int count(SourcePartition partition) {
        TreeSet<Long> offsets = pending.get(partition);
        return offsets == null ? 0 : offsets.size();
    }

    int total() {
        return pending.values().stream().mapToInt(TreeSet::size).sum();
    }
}

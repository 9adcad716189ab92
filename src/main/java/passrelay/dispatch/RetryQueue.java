package passrelay.dispatch;

import java.time.Instant;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/** Jobs waiting to retry, earliest due first; equal due times keep the order they were scheduled in. */
final class RetryQueue<T> {

    private record Entry<T>(Instant due, long sequence, Job<T> job) implements Comparable<Entry<T>> {
        @Override
        public int compareTo(Entry<T> other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Entry<T>> entries = new PriorityQueue<>();
    private long nextSequence;

    void add(Job<T> job, Instant due) {
        entries.add(new Entry<>(due, nextSequence++, job));
    }

    /** Removes and returns the earliest job due at or before {@code now}, or null when none is due. */
    Job<T> pollDue(Instant now) {
        Entry<T> first = entries.peek();
        if (first == null || first.due().isAfter(now)) {
            return null;
        }
        entries.poll();
        return first.job();
    }

    Optional<Instant> earliestDue() {
        Entry<T> first = entries.peek();
        return first == null ? Optional.empty() : Optional.of(first.due());
    }

    int size() {
        return entries.size();
    }

    /** Linear, so only for rare events such as a revoked partition. */
    void removeIf(Predicate<Job<T>> condition) {
        entries.removeIf(entry -> condition.test(entry.job()));
    }
}

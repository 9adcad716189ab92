package passrelay.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The arrivals of every pass. Callers record while they hold the pass's monitor, so the sequence
 * numbers of one pass increase in the order the pass processed its requests. Beyond
 * {@code capacity} arrivals are counted but no longer kept, so a long benchmark cannot fill the heap.
 */
final class ArrivalLog {
    private final ConcurrentMap<String, List<Arrival>> byPass = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final long capacity;

    ArrivalLog(long capacity) {
        this.capacity = capacity;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    void record(Arrival arrival) {
        if (kept.incrementAndGet() > capacity) {
            kept.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        List<Arrival> arrivals = byPass.computeIfAbsent(arrival.passId(), id -> new ArrayList<>());
        synchronized (arrivals) {
            arrivals.add(arrival);
        }
    }

    List<Arrival> of(String passId) {
        List<Arrival> arrivals = byPass.get(passId);
        if (arrivals == null) {
            return List.of();
        }
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    List<Arrival> all() {
        List<Arrival> all = new ArrayList<>();
        byPass.keySet().forEach(passId -> all.addAll(of(passId)));
        all.sort(Comparator.comparingLong(Arrival::sequence));
        return all;
    }

    /** Arrivals received but not kept because the log was full. */
    long dropped() {
        return dropped.get();
    }

    void clear() {
        byPass.clear();
        sequence.set(0);
        kept.set(0);
        dropped.set(0);
    }
}

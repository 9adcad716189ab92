package passrelay.simulator;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Catches a client breaking per-pass order: a request of a pass that arrives while another request of the
 * same pass is still waiting for its answer (its latency, a hold). A request counts from its arrival until
 * just before its answer is written, so a client that waits for each answer can never overlap.
 */
final class PassOverlaps {
    private static final int PASSES_KEPT = 1_000;

    private final ConcurrentMap<String, Integer> unanswered = new ConcurrentHashMap<>();
    private final AtomicLong overlaps = new AtomicLong();
    private final Set<String> passes = ConcurrentHashMap.newKeySet();

    /** A request of {@code passId} arrived; run the returned action when its answer leaves (idempotent). */
    Runnable arrived(String passId) {
        unanswered.merge(passId, 1, (open, one) -> {
            overlaps.incrementAndGet();
            if (passes.size() < PASSES_KEPT) {
                passes.add(passId);
            }
            return open + one;
        });
        AtomicBoolean answered = new AtomicBoolean();
        return () -> {
            if (answered.compareAndSet(false, true)) {
                unanswered.computeIfPresent(passId, (id, open) -> open == 1 ? null : open - 1);
            }
        };
    }

    /** Requests that arrived while one of their pass was unanswered. */
    long count() {
        return overlaps.get();
    }

    /** Passes that had such requests (the first {@value #PASSES_KEPT}). */
    List<String> passes() {
        return List.copyOf(passes);
    }

    void clear() {
        overlaps.set(0);
        passes.clear();
    }
}

package passrelay.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Catches a client breaking per-pass order: a request of a pass that arrives while another request of the
 * same pass, with a different update, is still waiting for its answer (its latency, a hold). The same update
 * again is counted apart: that is a retry after the client gave up waiting (a timeout), which at-least-once
 * delivery allows. A request counts from its arrival until just before its answer is written, so a client
 * that waits for each answer can never overlap.
 */
final class PassOverlaps {
    private static final int PASSES_KEPT = 1_000;

    private final ConcurrentMap<String, List<Integer>> unanswered = new ConcurrentHashMap<>();
    private final AtomicLong overlaps = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();
    private final Set<String> passes = ConcurrentHashMap.newKeySet();

    /** A request of {@code passId} with {@code body} arrived; run the returned action when its answer leaves. */
    Runnable arrived(String passId, byte[] body) {
        int update = Arrays.hashCode(body);
        unanswered.compute(passId, (id, open) -> {
            List<Integer> now = open == null ? new ArrayList<>() : open;
            if (now.stream().anyMatch(other -> other != update)) {
                overlaps.incrementAndGet();
                if (passes.size() < PASSES_KEPT) {
                    passes.add(passId);
                }
            } else if (!now.isEmpty()) {
                repeats.incrementAndGet();
            }
            now.add(update);
            return now;
        });
        AtomicBoolean answered = new AtomicBoolean();
        return () -> {
            if (answered.compareAndSet(false, true)) {
                unanswered.computeIfPresent(passId, (id, open) -> {
                    open.remove(Integer.valueOf(update));
                    return open.isEmpty() ? null : open;
                });
            }
        };
    }

    /** Requests that arrived while one of their pass with another update was unanswered. */
    long count() {
        return overlaps.get();
    }

    /** Requests that arrived while the same update of their pass was still unanswered (a retry after a timeout). */
    long repeats() {
        return repeats.get();
    }

    /** Passes that had overlapping requests (the first {@value #PASSES_KEPT}). */
    List<String> passes() {
        return List.copyOf(passes);
    }

    void clear() {
        overlaps.set(0);
        repeats.set(0);
        passes.clear();
    }
}

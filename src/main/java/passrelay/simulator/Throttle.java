package passrelay.simulator;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The throttle mode ({@code --max-concurrent Q}): counts the requests being served — admitted, not yet answered —
 * and turns away one that would make them more than Q, as AlipayHK's traffic limit does. Thread-safe.
 */
final class Throttle {
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    /**
     * Admits a request unless {@code maxConcurrent} (0: no limit) are already being served. Returns what to run just
     * before its answer leaves (or it is dropped), or empty when it is throttled.
     */
    Optional<Runnable> admit(int maxConcurrent) {
        int serving = unanswered.incrementAndGet();
        if (maxConcurrent > 0 && serving > maxConcurrent) {
            unanswered.decrementAndGet();
            throttled.incrementAndGet();
            return Optional.empty();
        }
        admitted.incrementAndGet();
        AtomicBoolean answered = new AtomicBoolean();
        return Optional.of(() -> {
            if (answered.compareAndSet(false, true)) {
                unanswered.decrementAndGet();
            }
        });
    }

    /** Requests being served now. */
    int unanswered() {
        return unanswered.get();
    }

    long admitted() {
        return admitted.get();
    }

    long throttled() {
        return throttled.get();
    }

    void clear() {
        admitted.set(0);
        throttled.set(0);
    }
}

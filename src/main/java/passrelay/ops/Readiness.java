package passrelay.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness and readiness as the worker reports them. Not ready while starting, while AlipayHK's circuit is open,
 * after an our-fault outcome (bad key, unknown client) until a call succeeds, and while outcomes cannot be
 * published; several of these may hold at once. Every change is logged once, when it happens, not per probe.
 * Any thread may report; the per-event reports ({@link #callSucceeded}, {@code publishing(null)}) cost a volatile
 * read when nothing changes.
 */
public final class Readiness {
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);
    static final String STARTING = "starting";

    private final AtomicReference<String> death = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean(false);
    private final AtomicReference<String> circuitOpen = new AtomicReference<>();
    private final AtomicReference<String> misconfiguration = new AtomicReference<>();
    private final AtomicReference<String> publishFailure = new AtomicReference<>();
    private List<String> reported = List.of(STARTING); // guarded by this

    public void started() {
        if (!started.getAndSet(true)) {
            changed();
        }
    }

    /** The worker cannot go on (restart it), for {@code reason}; the first reason is kept. */
    public void dead(String reason) {
        if (death.compareAndSet(null, Objects.requireNonNull(reason))) {
            log.atError().addKeyValue("reason", reason).log("not live: {}", reason);
        }
    }

    /** AlipayHK's circuit is open, for {@code reason}; null once it is not. */
    public void circuit(String reason) {
        update(circuitOpen, reason);
    }

    public void misconfigured(String resultCode) {
        update(misconfiguration, resultCode);
    }

    public void callSucceeded() {
        update(misconfiguration, null);
    }

    /** Outcomes cannot be published for a reason that will not pass by itself; null when they can. */
    public void publishing(String failure) {
        update(publishFailure, failure);
    }

    public boolean isLive() {
        return death.get() == null;
    }

    /** Why the worker is not live; empty while it is. */
    public Optional<String> deadBecause() {
        return Optional.ofNullable(death.get());
    }

    /** Empty when ready; otherwise the first of {@link #notReadyReasons}. */
    public Optional<String> notReadyBecause() {
        return notReadyReasons().stream().findFirst();
    }

    /** Every reason the worker is not ready, most fundamental first; empty when ready. */
    public List<String> notReadyReasons() {
        List<String> reasons = new ArrayList<>(1);
        if (!started.get()) {
            reasons.add(STARTING);
        }
        String fault = misconfiguration.get();
        if (fault != null) {
            reasons.add("AlipayHK rejects our configuration (" + fault + "): check keys, client id, URL");
        }
        String publish = publishFailure.get();
        if (publish != null) {
            reasons.add("outcomes cannot be published (" + publish + "): check the results and DLT topics");
        }
        String circuit = circuitOpen.get();
        if (circuit != null) {
            reasons.add("AlipayHK circuit open: " + circuit);
        }
        return List.copyOf(reasons);
    }

    private void update(AtomicReference<String> condition, String value) {
        if (Objects.equals(condition.get(), value)) {
            return; // the common case on the event loop: nothing changes, nothing is written
        }
        if (!Objects.equals(condition.getAndSet(value), value)) {
            changed();
        }
    }

    /** Logs the new state once, whichever thread changed it last; a repeated state is not logged again. */
    private synchronized void changed() {
        List<String> now = notReadyReasons();
        if (now.equals(reported)) {
            return;
        }
        if (now.isEmpty()) {
            log.atInfo().addKeyValue("ready", true).log("ready");
        } else {
            log.atWarn().addKeyValue("ready", false).addKeyValue("reasons", now)
                    .log("not ready: {}", String.join("; ", now));
        }
        reported = now;
    }
}

package passrelay.ops;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Liveness and readiness as the worker reports them. Not ready while starting, while AlipayHK's
 * circuit is open, and after an our-fault outcome (bad key, unknown client) until a call succeeds.
 */
public final class Readiness {
    private final AtomicBoolean live = new AtomicBoolean(true);
    private final AtomicBoolean started = new AtomicBoolean(false);
    private final AtomicReference<String> circuitOpen = new AtomicReference<>();
    private final AtomicReference<String> misconfiguration = new AtomicReference<>();
    private final AtomicReference<String> publishFailure = new AtomicReference<>();

    public void started() {
        started.set(true);
    }

    public void dead() {
        live.set(false);
    }

    /** AlipayHK's circuit is open, for {@code reason}; null once it is not. */
    public void circuit(String reason) {
        circuitOpen.set(reason);
    }

    public void misconfigured(String resultCode) {
        misconfiguration.set(resultCode);
    }

    public void callSucceeded() {
        misconfiguration.set(null);
    }

    /** Outcomes cannot be published for a reason that will not pass by itself; null when they can. */
    public void publishing(String failure) {
        publishFailure.set(failure);
    }

    public boolean isLive() {
        return live.get();
    }

    /** Empty when ready; otherwise why not. */
    public Optional<String> notReadyBecause() {
        if (!started.get()) {
            return Optional.of("starting");
        }
        String fault = misconfiguration.get();
        if (fault != null) {
            return Optional.of("AlipayHK rejects our configuration (" + fault + "): check keys, client id, URL");
        }
        String publish = publishFailure.get();
        if (publish != null) {
            return Optional.of("outcomes cannot be published (" + publish + "): check the results and DLT topics");
        }
        String circuit = circuitOpen.get();
        return circuit == null ? Optional.empty() : Optional.of("AlipayHK circuit open: " + circuit);
    }
}

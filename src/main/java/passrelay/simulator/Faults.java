package passrelay.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The simulator's fault settings, changeable while it runs (from tests, flags and the admin
 * endpoint). Thread-safe: each change swaps one immutable {@link FaultSettings}, and each request
 * reads one consistent snapshot.
 */
public final class Faults {
    private final AtomicReference<FaultSettings> current;
    private final Clock clock;

    Faults(FaultSettings initial, Clock clock) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
        this.clock = clock;
    }

    public FaultSettings snapshot() {
        return current.get();
    }

    /** Applies {@code change} atomically; an invalid result throws and leaves the settings as they were. */
    public Faults update(UnaryOperator<FaultSettings> change) {
        current.updateAndGet(change);
        return this;
    }

    public Faults set(FaultSettings settings) {
        return update(ignored -> Objects.requireNonNull(settings));
    }

    public Faults latencyMs(long value) {
        return update(settings -> settings.withLatencyMs(value));
    }

    public Faults uRate(double value) {
        return update(settings -> settings.withURate(value));
    }

    public Faults http5xxRate(double value) {
        return update(settings -> settings.withHttp5xxRate(value));
    }

    public Faults timeoutRate(double value) {
        return update(settings -> settings.withTimeoutRate(value));
    }

    public Faults rateLimitRate(double value) {
        return update(settings -> settings.withRateLimitRate(value));
    }

    /** Every request gets HTTP 503 from now for {@code window}. */
    public Faults outageFor(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("outage window must not be negative, was " + window);
        }
        Instant until = clock.instant().plus(window);
        return update(settings -> settings.withOutageUntil(Optional.of(until)));
    }

    /** Every request gets HTTP 503 until {@link #clearOutage()}. */
    public Faults outageUntilCleared() {
        return update(settings -> settings.withOutageUntil(Optional.of(Instant.MAX)));
    }

    public Faults clearOutage() {
        return update(settings -> settings.withOutageUntil(Optional.empty()));
    }

    /** From now until cleared, the passes {@link SickPasses#chosen chosen} by {@code share} answer U to every call. */
    public Faults sickPasses(double share) {
        return update(settings -> settings.withSickPasses(new SickPasses(share, Optional.of(Instant.MAX))));
    }

    /** Like {@link #sickPasses(double)}, for {@code window} from now. */
    public Faults sickPassesFor(double share, Duration window) {
        Instant until = clock.instant().plus(window);
        return update(settings -> settings.withSickPasses(new SickPasses(share, Optional.of(until))));
    }

    public Faults clearSickPasses() {
        return update(settings -> settings.withSickPasses(SickPasses.NONE));
    }

    /** True when {@code passId} is sick now. */
    boolean sick(String passId) {
        return current.get().sickPasses().sickAt(passId, clock.instant());
    }

    public boolean outageActive() {
        return current.get().outageAt(clock.instant());
    }

    /** Milliseconds left of a timed outage; empty when there is none or it lasts until cleared. */
    public Optional<Long> outageRemainingMs() {
        Instant now = clock.instant();
        return current.get().outageUntil()
                .filter(until -> !until.equals(Instant.MAX) && now.isBefore(until))
                .map(until -> Duration.between(now, until).toMillis());
    }

    @Override
    public String toString() {
        return "Faults" + current.get();
    }
}

package passrelay.simulator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable set of injected faults. The rates are shares of all authenticated requests, drawn
 * as consecutive bands of one number in [0, 1): timeout, then HTTP 5xx, then 429, then U. When they
 * add up to more than 1, the later bands get what is left.
 *
 * @param latencyMs     added to every answer (scheduled, never slept)
 * @param uRate         share answered U {@code UNKNOWN_EXCEPTION} without applying the update
 * @param http5xxRate   share answered HTTP 500 or 503 with an HTML body
 * @param timeoutRate   share held without an answer until the client gives up
 * @param rateLimitRate share answered HTTP 429 with U {@code REQUEST_TRAFFIC_EXCEED_LIMIT}
 * @param outageUntil   every request gets HTTP 503 before this instant ({@link Instant#MAX}: until cleared)
 * @param sickPasses    passes that answer U to every call while it lasts
 * @param forgeRate     share answered with a forged {@code S SUCCESS} (the band after U), update not applied
 * @param forgeKind     how those answers are forged
 * @param maxConcurrent throttling: a request arriving while this many are unanswered is answered U
 *                      {@code REQUEST_TRAFFIC_EXCEED_LIMIT} at once, update not applied; 0 = no limit
 * @param capacity      requests served at once, each for {@code latencyMs}; the rest wait in line, so the latency
 *                      grows with the load, as a server with this many workers; 0 = no limit
 */
public record FaultSettings(long latencyMs, double uRate, double http5xxRate, double timeoutRate,
                            double rateLimitRate, Optional<Instant> outageUntil, SickPasses sickPasses,
                            double forgeRate, ForgeKind forgeKind, int maxConcurrent, int capacity) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, Optional.empty(), SickPasses.NONE);

    public FaultSettings(long latencyMs, double uRate, double http5xxRate, double timeoutRate, double rateLimitRate,
                         Optional<Instant> outageUntil, SickPasses sickPasses, double forgeRate, ForgeKind forgeKind) {
        this(latencyMs, uRate, http5xxRate, timeoutRate, rateLimitRate, outageUntil, sickPasses, forgeRate, forgeKind, 0,
                0);
    }

    public FaultSettings(long latencyMs, double uRate, double http5xxRate, double timeoutRate, double rateLimitRate,
                         Optional<Instant> outageUntil, SickPasses sickPasses) {
        this(latencyMs, uRate, http5xxRate, timeoutRate, rateLimitRate, outageUntil, sickPasses, 0, ForgeKind.BOTH);
    }

    public FaultSettings(long latencyMs, double uRate, double http5xxRate, double timeoutRate, double rateLimitRate,
                         Optional<Instant> outageUntil) {
        this(latencyMs, uRate, http5xxRate, timeoutRate, rateLimitRate, outageUntil, SickPasses.NONE);
    }

    public FaultSettings {
        if (latencyMs < 0 || latencyMs > 3_600_000) {
            throw new IllegalArgumentException("latencyMs must be 0..3600000, was " + latencyMs);
        }
        checkRate("uRate", uRate);
        checkRate("http5xxRate", http5xxRate);
        checkRate("timeoutRate", timeoutRate);
        checkRate("rateLimitRate", rateLimitRate);
        Objects.requireNonNull(outageUntil, "outageUntil");
        Objects.requireNonNull(sickPasses, "sickPasses");
        checkRate("forgeRate", forgeRate);
        Objects.requireNonNull(forgeKind, "forgeKind");
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must not be negative, was " + maxConcurrent);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
    }

    public FaultSettings withLatencyMs(long value) {
        return new FaultSettings(value, uRate, http5xxRate, timeoutRate, rateLimitRate, outageUntil, sickPasses,
                forgeRate, forgeKind, maxConcurrent, capacity);
    }

    public FaultSettings withURate(double value) {
        return new FaultSettings(latencyMs, value, http5xxRate, timeoutRate, rateLimitRate, outageUntil, sickPasses,
                forgeRate, forgeKind, maxConcurrent, capacity);
    }

    public FaultSettings withHttp5xxRate(double value) {
        return new FaultSettings(latencyMs, uRate, value, timeoutRate, rateLimitRate, outageUntil, sickPasses,
                forgeRate, forgeKind, maxConcurrent, capacity);
    }

    public FaultSettings withTimeoutRate(double value) {
        return new FaultSettings(latencyMs, uRate, http5xxRate, value, rateLimitRate, outageUntil, sickPasses,
                forgeRate, forgeKind, maxConcurrent, capacity);
    }

    public FaultSettings withRateLimitRate(double value) {
        return new FaultSettings(latencyMs, uRate, http5xxRate, timeoutRate, value, outageUntil, sickPasses,
                forgeRate, forgeKind, maxConcurrent, capacity);
    }

    public FaultSettings withOutageUntil(Optional<Instant> value) {
        return new FaultSettings(latencyMs, uRate, http5xxRate, timeoutRate, rateLimitRate, value, sickPasses,
                forgeRate, forgeKind, maxConcurrent, capacity);
    }

    public FaultSettings withSickPasses(SickPasses value) {
        return new FaultSettings(latencyMs, uRate, http5xxRate, timeoutRate, rateLimitRate, outageUntil, value,
                forgeRate, forgeKind, maxConcurrent, capacity);
    }

    public FaultSettings withForgery(double rate, ForgeKind kind) {
        return new FaultSettings(latencyMs, uRate, http5xxRate, timeoutRate, rateLimitRate, outageUntil, sickPasses,
                rate, kind, maxConcurrent, capacity);
    }

    public FaultSettings withMaxConcurrent(int value) {
        return new FaultSettings(latencyMs, uRate, http5xxRate, timeoutRate, rateLimitRate, outageUntil, sickPasses,
                forgeRate, forgeKind, value, capacity);
    }

    public FaultSettings withCapacity(int value) {
        return new FaultSettings(latencyMs, uRate, http5xxRate, timeoutRate, rateLimitRate, outageUntil, sickPasses,
                forgeRate, forgeKind, maxConcurrent, value);
    }

    /** True when no share of requests is faulted (latency and outage aside). */
    boolean noRandomFaults() {
        return uRate == 0 && http5xxRate == 0 && timeoutRate == 0 && rateLimitRate == 0 && forgeRate == 0;
    }

    boolean outageAt(Instant now) {
        return outageUntil.map(now::isBefore).orElse(false);
    }

    private static void checkRate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}

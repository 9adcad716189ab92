package passrelay.simulator;

import java.util.Optional;
import java.util.Random;

/**
 * Decides which requests get a random fault. Seeded, so a run with the same seed and the same
 * request order draws the same faults.
 */
final class FaultDice {
    private final Random random;

    FaultDice(long seed) {
        this.random = new Random(seed);
    }

    /** One draw against the bands of {@link FaultSettings}: timeout, HTTP 5xx, 429, U, forged. */
    Optional<InjectedFault> roll(FaultSettings settings) {
        if (settings.noRandomFaults()) {
            return Optional.empty();
        }
        double draw = random.nextDouble();
        double band = settings.timeoutRate();
        if (draw < band) {
            return Optional.of(InjectedFault.TIMEOUT);
        }
        band += settings.http5xxRate();
        if (draw < band) {
            return Optional.of(InjectedFault.HTTP_5XX);
        }
        band += settings.rateLimitRate();
        if (draw < band) {
            return Optional.of(InjectedFault.RATE_LIMIT);
        }
        band += settings.uRate();
        if (draw < band) {
            return Optional.of(InjectedFault.UNKNOWN_RESULT);
        }
        band += settings.forgeRate();
        return draw < band ? Optional.of(forgery(settings.forgeKind())) : Optional.empty();
    }

    private InjectedFault forgery(ForgeKind kind) {
        return switch (kind) {
            case COPIED_SIGNATURE -> InjectedFault.FORGED_SIGNATURE;
            case STALE_TIME -> InjectedFault.STALE_RESPONSE_TIME;
            case BOTH -> random.nextBoolean() ? InjectedFault.FORGED_SIGNATURE : InjectedFault.STALE_RESPONSE_TIME;
        };
    }

    /** 500 or 503, half each. */
    int serverErrorStatus() {
        return random.nextBoolean() ? 500 : 503;
    }

    long nextLong() {
        return random.nextLong();
    }
}

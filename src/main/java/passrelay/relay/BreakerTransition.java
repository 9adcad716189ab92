package passrelay.relay;

import java.time.Duration;
import java.util.Optional;

/**
 * One move of the circuit breaker, with why it happened in words an operator can act on.
 *
 * @param reason       e.g. "20 of 20 calls failed (100 %, threshold 50 %): HTTP_503 x20"
 * @param nextTrialIn  when it opened: how long until the half-open trial calls
 */
public record BreakerTransition(BreakerState from, BreakerState to, String reason, Optional<Duration> nextTrialIn) {

    /** One log line. */
    public String describe() {
        String line = "AlipayHK circuit breaker " + from + " -> " + to + ": " + reason;
        return switch (to) {
            case OPEN -> line + "; no calls and consumption paused; trial calls in "
                    + nextTrialIn.map(Duration::toMillis).orElse(0L) + " ms";
            case HALF_OPEN -> line + "; consumption resumes for the trial calls";
            case CLOSED -> line + "; calls and consumption resume";
        };
    }
}

package passrelay.kafka;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import passrelay.alipay.CallOutcome;

/**
 * The breaker around AlipayHK. Failures are decided over results, not exceptions: an outcome that
 * is retried (U, our-fault F) is a failure; S and final F show that AlipayHK works.
 */
public final class AlipayCircuitBreaker {
    static final String NAME = "alipayhk";

    private AlipayCircuitBreaker() {
    }

    /** The production breaker; its state and calls are exposed through Resilience4j's Micrometer binding. */
    public static CircuitBreaker create(MeterRegistry meters) {
        return create(meters, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public static CircuitBreaker create(MeterRegistry meters, Duration firstOpenWait, Duration longestOpenWait) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(50)
                .minimumNumberOfCalls(20)
                .failureRateThreshold(50)
                .permittedNumberOfCallsInHalfOpenState(5)
                // OPEN moves to HALF_OPEN on its own: no call has to knock for it (none may be waiting)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(
                        firstOpenWait.toMillis(), 2.0, longestOpenWait.toMillis()))
                .recordResult(result -> result instanceof CallOutcome outcome && outcome.retryable())
                .recordExceptions(Throwable.class)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry.circuitBreaker(NAME);
    }

    /** AlipayHK counts as down: no calls are started and consumption pauses. Half-open trials run. */
    static boolean isOpen(CircuitBreaker breaker) {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * Failures seen while the breaker is not closed (the one that opens it, half-open trials) are
     * AlipayHK's outage, not the event's: their attempts are refunded from the retry budget.
     */
    static boolean refundsAttempts(CircuitBreaker breaker) {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                || state == CircuitBreaker.State.HALF_OPEN;
    }
}

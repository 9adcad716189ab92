package passrelay.relay;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import passrelay.config.BreakerSettings;

/**
 * The circuit breaker around AlipayHK (SPEC section 4). Resilience4j keeps the count-based window and
 * decides when the failure rate opens or closes it; this class decides what goes into the window:
 * endpoint failures per call, a pass's {@code U} answers at most once while one of them is in it. It
 * also owns the open wait (1 s doubling up to the longest wait), so every transition happens on the
 * caller's thread, at a time a test's clock controls.
 *
 * <p>Single-threaded: the worker's event loop is its only caller.
 */
public final class AlipayBreaker {
    public static final String NAME = "alipayhk";
    /** Calls let through while half-open; their outcomes close or reopen the breaker. */
    public static final int TRIAL_CALLS = 5;
    /** Beyond this many openings in a row the wait no longer grows (and the doubling cannot overflow). */
    private static final int MAX_COUNTED_OPENINGS = 40;
    private static final Throwable FAILURE = new EndpointFailure();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final CircuitBreaker breaker;
    private final BreakerSettings settings;
    private final Clock clock;
    private final IntervalFunction openWaits;
    private final Consumer<BreakerTransition> transitions;
    private final EvidenceWindow window = new EvidenceWindow();
    private BreakerState state = BreakerState.CLOSED;
    private long generation;
    private int openings;
    private Instant trialsAt = Instant.MIN;
    private String notClosedBecause = "";

    /** @param transitions told of every transition, on the caller's thread */
    public AlipayBreaker(BreakerSettings settings, Clock clock, Consumer<BreakerTransition> transitions) {
        this.settings = settings;
        this.clock = clock;
        this.transitions = transitions;
        this.openWaits = IntervalFunction.ofExponentialBackoff(settings.firstOpenWait().toMillis(), 2.0,
                settings.maxOpenWait().toMillis());
        this.breaker = registry.circuitBreaker(NAME, CircuitBreakerConfig.custom()
                .slidingWindow(settings.windowSize(), settings.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.failureRatePercent())
                .permittedNumberOfCallsInHalfOpenState(TRIAL_CALLS)
                .slowCallDurationThreshold(Duration.ofDays(1)) // slowness is the call timeout's business
                .waitIntervalFunctionInOpenState(openWaits)
                .automaticTransitionFromOpenToHalfOpenEnabled(false) // admitsCalls() moves it, see above
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        window.reset(settings.windowSize());
    }

    /** The Resilience4j breaker, read-only: its metrics and state. */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /** The registry holding the breaker, for Resilience4j's Micrometer binding. */
    public CircuitBreakerRegistry registry() {
        return registry;
    }

    public BreakerState state() {
        return state;
    }

    /** Why the breaker is open or half-open; empty while closed. */
    public Optional<String> notClosedBecause() {
        return state == BreakerState.CLOSED ? Optional.empty() : Optional.of(notClosedBecause);
    }

    /** Moves OPEN to HALF_OPEN once the open wait is over; true while calls may start (closed or half-open). */
    public boolean admitsCalls() {
        if (state == BreakerState.OPEN && !clock.instant().isBefore(trialsAt)) {
            breaker.transitionToHalfOpenState();
            follow("the open wait is over: up to " + TRIAL_CALLS + " trial calls; opened because "
                    + notClosedBecause);
        }
        return state != BreakerState.OPEN;
    }

    /** Leave to start one call: always while closed, for {@link #TRIAL_CALLS} calls while half-open. */
    public Optional<Permit> permit() {
        if (!admitsCalls() || !breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        return Optional.of(new Permit(generation, state));
    }

    /**
     * Tells the breaker what a call came to; returns its state afterwards. A {@code U} answer from a
     * pass whose {@code U} is already in the window is not counted (a trial call's permit goes back).
     */
    public BreakerState hear(Permit permit, String passId, Evidence evidence, String code, Duration elapsed) {
        if (state == BreakerState.OPEN) {
            record(evidence, elapsed); // Resilience4j only keeps statistics while open
            return state;
        }
        if (evidence == Evidence.EVENT_UNKNOWN && window.holdsUnknownOf(passId)) {
            releaseTrial(permit);
            return state;
        }
        window.add(evidence, passId, code);
        String evidenceSoFar = window.describe();
        BreakerState before = state;
        record(evidence, elapsed);
        follow(before == BreakerState.CLOSED
                ? evidenceSoFar + " (threshold " + settings.failureRatePercent() + " %)"
                : "trial calls: " + evidenceSoFar);
        return state;
    }

    /**
     * A call whose outcome the breaker does not count (throttling the concurrency limit answers): a half-open trial's
     * permit goes back. Returns the state, unchanged.
     */
    public BreakerState pass(Permit permit) {
        releaseTrial(permit);
        return state;
    }

    private void releaseTrial(Permit permit) {
        if (permit.generation() == generation && permit.state() == BreakerState.HALF_OPEN) {
            breaker.releasePermission();
        }
    }

    private void record(Evidence evidence, Duration elapsed) {
        if (evidence.failure()) {
            breaker.onError(elapsed.toNanos(), TimeUnit.NANOSECONDS, FAILURE);
        } else {
            breaker.onSuccess(elapsed.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Catches up with a transition Resilience4j has just made. */
    private void follow(String reason) {
        BreakerState now = of(breaker.getState());
        if (now == state) {
            return;
        }
        BreakerState from = state;
        state = now;
        generation++;
        Optional<Duration> wait = Optional.empty();
        switch (now) {
            case OPEN -> {
                openings = Math.min(openings + 1, MAX_COUNTED_OPENINGS);
                wait = Optional.of(Duration.ofMillis(openWaits.apply(openings)));
                trialsAt = clock.instant().plus(wait.get());
                notClosedBecause = reason;
                window.reset(0);
            }
            case HALF_OPEN -> window.reset(TRIAL_CALLS);
            case CLOSED -> {
                openings = 0;
                window.reset(settings.windowSize());
            }
        }
        transitions.accept(new BreakerTransition(from, now, reason, wait));
    }

    private static BreakerState of(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            default -> BreakerState.CLOSED;
        };
    }

    /** What Resilience4j is told for a failed call; stackless, one instance. */
    private static final class EndpointFailure extends RuntimeException {
        EndpointFailure() {
            super("AlipayHK call failed", null, false, false);
        }
    }
}

package passrelay.relay;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The limit on AlipayHK calls in flight follows AlipayHK's health: additive increase, multiplicative decrease,
 * with a latency guard. It starts at the maximum.
 *
 * <ul>
 *   <li><b>Grow:</b> every {@code S} adds {@code 1 / limit}, so a limit in use grows by one per round trip (from 128
 *       to 256 in 128 round trips: under 3 s at 20 ms).</li>
 *   <li><b>Cut</b> to {@value #KEEP_ON_CUT} of the limit on load: timeouts, throttling (HTTP 429,
 *       {@code REQUEST_TRAFFIC_EXCEED_LIMIT}), HTTP 5xx, and answers slower than the latency guard, once a round holds
 *       more of them than {@value #TOLERATED_SHARE} of the limit (so at the first one below a limit of 100): the odd
 *       timeout any busy service has does not hold the limit down, a burst cuts at once.</li>
 *   <li><b>{@code U} answers</b> are about their events (a sick pass answers {@code U} forever): they cut only as a
 *       wave, when more than {@value #WAVE_SHARE} of a round's answers are {@code U} from distinct passes, and at least
 *       {@value #WAVE_MIN_PASSES} passes.</li>
 *   <li>A business {@code F} neither grows nor cuts; other outcomes are the circuit breaker's business.</li>
 * </ul>
 *
 * <p><b>Windows and rounds.</b> A cut opens a new window: calls started before it met the same trouble, so they
 * neither cut again nor grow the limit nor count in a round — at most one cut per window. A round is the calls of the
 * current window that landed since the last cut or round, until as many as the limit. No clock: windows and rounds
 * are counted in calls, and each call brings its own latency. Single-threaded.
 */
public final class AdaptiveConcurrency implements ConcurrencyLimit {
    /** The share of the limit a cut keeps. */
    static final double KEEP_ON_CUT = 0.7;
    /** Load signals in a round beyond this share of the limit cut it. */
    static final double TOLERATED_SHARE = 0.01;
    /** {@code U} answers from more than this share of a round's answers, from distinct passes, are a wave. */
    static final double WAVE_SHARE = 0.25;
    /** A wave needs at least this many passes: a handful of sick passes never is one. */
    static final int WAVE_MIN_PASSES = 5;

    private final int min;
    private final int max;
    private final Duration latencyGuard;
    private final Consumer<LimitCut> cuts;
    private final Set<String> roundUnknownPasses = new HashSet<>();
    private double limit;
    private long window;
    private int roundCalls;
    private int roundAnswers;
    private int roundLoad;

    /**
     * @param latencyGuard an answer slower than this is load, as a timeout is
     * @param cuts         told of every cut, on the caller's thread
     */
    public AdaptiveConcurrency(int min, int max, Duration latencyGuard, Consumer<LimitCut> cuts) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min (" + min + ") <= max (" + max + ")");
        }
        if (latencyGuard.isNegative() || latencyGuard.isZero()) {
            throw new IllegalArgumentException("latency guard must be positive, was " + latencyGuard);
        }
        this.min = min;
        this.max = max;
        this.latencyGuard = latencyGuard;
        this.cuts = Objects.requireNonNull(cuts, "cuts");
        this.limit = max;
    }

    @Override
    public int limit() {
        return (int) limit;
    }

    @Override
    public long started() {
        return window;
    }

    @Override
    public void landed(long stamp, LoadSignal signal, String passId, Duration elapsed, String code) {
        if (stamp != window || signal == LoadSignal.NONE) {
            return; // started before the last cut, or nothing about load
        }
        roundCalls++;
        if (signal.answer() && elapsed.compareTo(latencyGuard) > 0) {
            load(LimitCut.Cause.SLOW, code + " after " + elapsed.toMillis() + " ms (guard " + latencyGuard.toMillis()
                    + " ms)");
        } else if (signal.answer()) {
            answered(signal, passId);
        } else {
            load(cause(signal), code);
        }
        if (roundCalls >= limit()) {
            endRound();
        }
    }

    @Override
    public boolean takesThrottling() {
        return limit() > min;
    }

    private void answered(LoadSignal signal, String passId) {
        roundAnswers++;
        if (signal == LoadSignal.SUCCESS) {
            limit = Math.min(max, limit + 1 / limit);
        } else if (signal == LoadSignal.UNKNOWN_ANSWER) {
            roundUnknownPasses.add(passId);
        }
    }

    /** A full round: a wave of U answers cuts; either way the next round begins. */
    private void endRound() {
        int passes = roundUnknownPasses.size();
        if (passes >= WAVE_MIN_PASSES && passes > WAVE_SHARE * roundAnswers) {
            cut(LimitCut.Cause.UNKNOWN_WAVE, "U answers from " + passes + " passes in " + roundAnswers + " answers");
        } else {
            newRound();
        }
    }

    private void load(LimitCut.Cause cause, String detail) {
        roundLoad++;
        if (roundLoad > TOLERATED_SHARE * limit()) {
            cut(cause, detail);
        }
    }

    private void cut(LimitCut.Cause cause, String detail) {
        int from = limit();
        limit = Math.max(min, limit * KEEP_ON_CUT);
        window++;
        newRound();
        if (limit() < from) {
            cuts.accept(new LimitCut(from, limit(), cause, detail, limit() == min));
        }
    }

    private void newRound() {
        roundCalls = 0;
        roundAnswers = 0;
        roundLoad = 0;
        roundUnknownPasses.clear();
    }

    private static LimitCut.Cause cause(LoadSignal signal) {
        return switch (signal) {
            case THROTTLED -> LimitCut.Cause.THROTTLED;
            case TIMEOUT -> LimitCut.Cause.TIMEOUT;
            default -> LimitCut.Cause.SERVER_ERROR;
        };
    }

    @Override
    public String toString() {
        return "adaptive(" + min + ".." + max + ", now " + limit() + ")";
    }
}

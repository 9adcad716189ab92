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
 *   <li><b>Grow:</b> every {@code S} adds {@code 1 / limit}, so a limit that is in use grows by one per round trip
 *       (from 128 to 256 in 128 round trips: under 3 s at 20 ms).</li>
 *   <li><b>Cut:</b> a timeout, throttling (HTTP 429, {@code REQUEST_TRAFFIC_EXCEED_LIMIT}), an HTTP 5xx, or an answer
 *       slower than the latency guard multiplies it by {@value #KEEP_ON_CUT}, at most once per window: only a call
 *       started after the last cut can cut again, as the calls already in flight then met the same trouble.</li>
 *   <li><b>{@code U} answers</b> are about their events (a sick pass answers {@code U} forever): they cut only as a
 *       wave, when, among a round of answers as many as the limit, more than {@value #WAVE_SHARE} of them are
 *       {@code U} from distinct passes, and at least {@value #WAVE_MIN_PASSES} passes.</li>
 *   <li>A business {@code F} neither grows nor cuts; other outcomes are the circuit breaker's business.</li>
 * </ul>
 *
 * No clock: windows and rounds are counted in calls, and latency comes with each call. Single-threaded.
 */
public final class AdaptiveConcurrency implements ConcurrencyLimit {
    /** The share of the limit a cut keeps. */
    static final double KEEP_ON_CUT = 0.7;
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
    private int roundAnswers;

    /**
     * @param latencyGuard an answer slower than this cuts the limit, as a timeout would
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
        boolean sameWindow = stamp == window;
        if (signal.answer() && elapsed.compareTo(latencyGuard) > 0) {
            if (sameWindow) {
                cut(LimitCut.Cause.SLOW, code + " after " + elapsed.toMillis() + " ms (guard "
                        + latencyGuard.toMillis() + " ms)");
            }
            return;
        }
        switch (signal) {
            case SUCCESS -> {
                if (sameWindow) {
                    limit = Math.min(max, limit + 1 / limit);
                }
                answered(passId, false);
            }
            case BUSINESS_ANSWER -> answered(passId, false);
            case UNKNOWN_ANSWER -> answered(passId, true);
            case THROTTLED, TIMEOUT, SERVER_ERROR -> {
                if (sameWindow) {
                    cut(cause(signal), code);
                }
            }
            case NONE -> {
            }
        }
    }

    @Override
    public boolean takesThrottling() {
        return limit() > min;
    }

    private void answered(String passId, boolean unknown) {
        roundAnswers++;
        if (unknown) {
            roundUnknownPasses.add(passId);
        }
        if (roundAnswers < limit()) {
            return;
        }
        int passes = roundUnknownPasses.size();
        int answers = roundAnswers;
        newRound();
        if (passes >= WAVE_MIN_PASSES && passes > WAVE_SHARE * answers) {
            cut(LimitCut.Cause.UNKNOWN_WAVE, "U answers from " + passes + " passes in " + answers + " answers");
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
        roundAnswers = 0;
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

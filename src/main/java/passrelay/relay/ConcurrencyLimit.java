package passrelay.relay;

import java.time.Duration;

/**
 * How many AlipayHK calls may be in flight at once, and what each call that ends tells it. Single-threaded: the
 * worker's event loop is its only caller.
 */
public interface ConcurrencyLimit {

    /** Calls that may be in flight now, all passes together. */
    int limit();

    /** Stamps a call that starts now; hand the stamp back to {@link #landed}. */
    long started();

    /**
     * A call stamped {@code stamp} ended.
     *
     * @param passId  the call's pass
     * @param elapsed how long this attempt took (its backoff before is not latency)
     * @param code    the outcome's result code, for the cut's description
     */
    void landed(long stamp, LoadSignal signal, String passId, Duration elapsed, String code);

    /**
     * True while throttling is this limit's to answer (it can still go down), so the circuit breaker need not
     * hear it; false once the limit is at its floor, or is fixed: then throttling counts against AlipayHK.
     */
    boolean takesThrottling();

    /** A limit that never moves: {@code PASSRELAY_CONCURRENCY=fixed}. */
    static ConcurrencyLimit fixed(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return new ConcurrencyLimit() {
            @Override
            public int limit() {
                return limit;
            }

            @Override
            public long started() {
                return 0;
            }

            @Override
            public void landed(long stamp, LoadSignal signal, String passId, Duration elapsed, String code) {
            }

            @Override
            public boolean takesThrottling() {
                return false;
            }

            @Override
            public String toString() {
                return "fixed(" + limit + ")";
            }
        };
    }
}

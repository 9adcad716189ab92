package passrelay.relay;

/** The circuit breaker's state as the relay sees it. */
public enum BreakerState {
    /** AlipayHK works: calls run. */
    CLOSED,
    /** AlipayHK is down: no call starts and consumption pauses, until the open wait is over. */
    OPEN,
    /** A few trial calls decide between {@link #CLOSED} and {@link #OPEN}. */
    HALF_OPEN;

    /** Prometheus-style label value. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

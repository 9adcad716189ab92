package passrelay.relay;

/**
 * One cut of the concurrency limit, for the log and the metrics.
 *
 * @param from   the limit before
 * @param to     the limit after
 * @param cause  why, as the metric's {@code cause} tag
 * @param detail what the call came to, e.g. the result code or its latency
 * @param atFloor the limit is now at its minimum: throttling from here on counts for the circuit breaker
 */
public record LimitCut(int from, int to, Cause cause, String detail, boolean atFloor) {

    /** Why the limit was cut. */
    public enum Cause {
        TIMEOUT("timeout"),
        THROTTLED("throttled"),
        SERVER_ERROR("http_5xx"),
        UNKNOWN_WAVE("unknown_exception"),
        SLOW("slow");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        /** Lower snake case, the metric's tag value. */
        public String label() {
            return label;
        }
    }
}

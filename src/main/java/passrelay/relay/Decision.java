package passrelay.relay;

import passrelay.alipay.CallOutcome;

/**
 * What follows one call, decided by {@link RelayPolicy} and carried out by the worker's shell.
 *
 * @param next   finish the event or call again
 * @param config what the call says about our own configuration (readiness)
 */
public record Decision(Next next, ConfigSignal config) {

    /** Finish the event or call again. */
    public sealed interface Next {
    }

    /**
     * Call again after a backoff, keeping the pass's lane. {@code spendAttempt=false} gives the attempt
     * back to the budget: AlipayHK was down, not the event.
     */
    public record Retry(boolean spendAttempt) implements Next {
    }

    /**
     * The event's final outcome: a results record of {@code outcome} ({@code S} when {@code reconciled}),
     * and with {@code deadLetter} the original record to the dead-letter topic.
     */
    public record Finish(CallOutcome outcome, boolean reconciled, boolean deadLetter) implements Next {
        public String resultStatus() {
            return reconciled ? "S" : outcome.resultStatus();
        }
    }

    /** What a call says about our own keys, client id and URL. */
    public enum ConfigSignal {
        /** AlipayHK authenticated the call and judged the event (S or a final F): our configuration works. */
        CONFIRMED,
        /** An our-fault answer: every event would fail alike; readiness goes down and the log says so. */
        REJECTED,
        /** Nothing either way. */
        NONE
    }
}

package passrelay.alipay;

import java.util.Optional;

/**
 * What one updatePass call came to, in the classes of SPEC section 4. The one place that decides
 * the class is {@link ResponseClassifier}; everything downstream switches over this type.
 */
public sealed interface CallOutcome {
    /** The code of a call that got no answer before {@code ALIPAYHK_TIMEOUT_MS}. */
    String TIMEOUT = "TIMEOUT";
    /** AlipayHK's code for throttling (status U): too many requests from us. */
    String TRAFFIC_LIMIT = "REQUEST_TRAFFIC_EXCEED_LIMIT";

    /** {@code S}, {@code F} or {@code U} as it goes into the results record. */
    String resultStatus();

    String resultCode();

    String resultMessage();

    /** AlipayHK's {@code Tracer-Id}, when a response carried one. */
    Optional<String> tracerId();

    /** The response's HTTP status; 0 when no response came ({@code TIMEOUT}, a connection error, a request not built). */
    int httpStatus();

    /** AlipayHK answered {@code S}. */
    record Success(String resultCode, String resultMessage, Optional<String> tracerId, int httpStatus)
            implements CallOutcome {
        @Override
        public String resultStatus() {
            return "S";
        }
    }

    /** A final {@code F} about the event itself: not retried. */
    record Rejected(String resultCode, String resultMessage, Optional<String> tracerId, int httpStatus)
            implements CallOutcome {
        @Override
        public String resultStatus() {
            return "F";
        }
    }

    /**
     * An {@code F} (or HTTP 4xx) that is our own fault — keys, client, URL, configuration. Every event
     * would fail alike, so it is retried like {@code U} and never ends as a final {@code F}.
     */
    record Misconfigured(String resultCode, String resultMessage, Optional<String> tracerId, int httpStatus)
            implements CallOutcome {
        @Override
        public String resultStatus() {
            return "U";
        }
    }

    /**
     * Unknown: a {@code U}, a timeout, a connection error, HTTP 429/5xx, an unparseable or untrusted
     * response. {@code error} is the exception's class and message, when there was one.
     * {@code answered} is true only for a well-formed {@code U} result with HTTP 2xx (signed, when
     * verification is on): AlipayHK answered about this event, so it tells little about AlipayHK itself.
     */
    record Unknown(String resultCode, String resultMessage, Optional<String> tracerId, int httpStatus,
                   Optional<String> error, boolean answered) implements CallOutcome {
        @Override
        public String resultStatus() {
            return "U";
        }

        /** AlipayHK asks us to slow down: HTTP 429, or its traffic-limit code under any status. */
        public boolean throttled() {
            return httpStatus == 429 || TRAFFIC_LIMIT.equals(resultCode);
        }

        /** No answer before the call's timeout. */
        public boolean timedOut() {
            return TIMEOUT.equals(resultCode);
        }
    }

    /** The class of SPEC section 4 for people and metrics: {@code S}, {@code F}, {@code our-fault F} or {@code U}. */
    default String outcomeClass() {
        if (this instanceof Success) {
            return "S";
        }
        if (this instanceof Rejected) {
            return "F";
        }
        return this instanceof Misconfigured ? "our-fault F" : "U";
    }

    /** True for the classes that are retried: {@link Unknown} and {@link Misconfigured}. */
    default boolean retryable() {
        return this instanceof Unknown || this instanceof Misconfigured;
    }
}

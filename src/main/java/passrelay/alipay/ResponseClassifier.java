package passrelay.alipay;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place that decides what an updatePass call came to (SPEC section 4).
 *
 * <p>A response is judged first by its HTTP status, then by its body:
 * <ul>
 *   <li>2xx: the body decides. {@code S} is success; {@code F} with an our-fault code (keys, client, URL)
 *       is misconfigured; any other {@code F} is a final rejection; {@code U} or any other status is
 *       unknown. A body that is not a result is {@code UNPARSEABLE_RESPONSE}, one that is not trusted is
 *       {@code UNTRUSTED_RESPONSE} (both unknown). Only a {@code U} result here is
 *       {@link CallOutcome.Unknown#answered answered} about the event; every other unknown is evidence
 *       about AlipayHK itself (SPEC section 4: the circuit breaker counts them per call).</li>
 *   <li>429 and 5xx: unknown, {@code HTTP_<status>}. Only a trusted {@code U} result keeps its own code
 *       (e.g. {@code REQUEST_TRAFFIC_EXCEED_LIMIT}): an {@code S} or {@code F} beside a server error is
 *       not believed, since a wrong final outcome would lose the update.</li>
 *   <li>Any other status (4xx, also 3xx: redirects are not followed, so the URL is wrong): a trusted
 *       {@code F} or {@code U} result decides as above, so an our-fault {@code F} keeps its code and an
 *       event's own {@code F} (e.g. {@code PARAM_ILLEGAL} with HTTP 400) stays final. Anything else —
 *       no result, an untrusted one, an {@code S} — is misconfigured, {@code HTTP_<status>}: a proxy's
 *       404 is unsigned, and it must still say "fix the URL" rather than look like an outage.</li>
 * </ul>
 * An untrusted body is never used for more than its status line, and the status line alone never
 * makes a final outcome: both classes it can lead to are retried.
 *
 * <p>No response: a timeout (connect, response, or the whole-call deadline) is {@code TIMEOUT}; any other
 * I/O failure is {@code CONNECTION_ERROR}; anything else is a failure to build or sign the request, which
 * would fail every event alike, so it is misconfigured, {@code CLIENT_ERROR}.
 */
final class ResponseClassifier {
    static final Set<String> OUR_FAULT_CODES = Set.of("INVALID_SIGNATURE", "KEY_NOT_FOUND", "INVALID_CLIENT",
            "ACCESS_DENIED", "INVALID_API", "METHOD_NOT_SUPPORTED", "MEDIA_TYPE_NOT_ACCEPTABLE");
    static final int NO_RESPONSE = 0;

    private ResponseClassifier() {
    }

    static CallOutcome classify(int httpStatus, ResponseContent content, Optional<String> tracerId) {
        Optional<ResultInfo> result = content instanceof ResponseContent.Result r ? Optional.of(r.info()) : Optional.empty();
        if (httpStatus / 100 == 2) {
            return result.map(info -> byResult(info, httpStatus, tracerId))
                    .orElseGet(() -> unusableBody(content, httpStatus, tracerId));
        }
        if (httpStatus == 429 || httpStatus / 100 == 5) {
            return result.filter(info -> "U".equals(info.resultStatus()))
                    .map(info -> byResult(info, httpStatus, tracerId))
                    .orElseGet(() -> new CallOutcome.Unknown(httpCode(httpStatus), httpMessage(httpStatus, content),
                            tracerId, httpStatus, Optional.empty(), false));
        }
        return result.filter(info -> "F".equals(info.resultStatus()) || "U".equals(info.resultStatus()))
                .map(info -> byResult(info, httpStatus, tracerId))
                .orElseGet(() -> new CallOutcome.Misconfigured(httpCode(httpStatus), httpMessage(httpStatus, content),
                        tracerId, httpStatus));
    }

    static CallOutcome classifyFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        Optional<String> error = Optional.of(describe(cause));
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new CallOutcome.Unknown(CallOutcome.TIMEOUT, "no response before the timeout", Optional.empty(), NO_RESPONSE, error,
                    false);
        }
        if (cause instanceof IOException) {
            return new CallOutcome.Unknown("CONNECTION_ERROR", "the connection to AlipayHK failed", Optional.empty(),
                    NO_RESPONSE, error, false);
        }
        return new CallOutcome.Misconfigured("CLIENT_ERROR", "the request could not be built: " + error.get(),
                Optional.empty(), NO_RESPONSE);
    }

    /** The exception's class and message; callers never put key material in messages. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + ": " + (message == null ? "(no message)" : message);
    }

    private static CallOutcome byResult(ResultInfo info, int httpStatus, Optional<String> tracerId) {
        String code = info.resultCode();
        String message = info.resultMessage();
        return switch (info.resultStatus()) {
            case "S" -> new CallOutcome.Success(code, message, tracerId, httpStatus);
            case "F" -> OUR_FAULT_CODES.contains(code)
                    ? new CallOutcome.Misconfigured(code, message, tracerId, httpStatus)
                    : new CallOutcome.Rejected(code, message, tracerId, httpStatus);
            case "U" -> new CallOutcome.Unknown(code, message, tracerId, httpStatus, Optional.empty(),
                    httpStatus / 100 == 2);
            default -> new CallOutcome.Unknown(code, message, tracerId, httpStatus, Optional.empty(), false);
        };
    }

    private static CallOutcome unusableBody(ResponseContent content, int httpStatus, Optional<String> tracerId) {
        return content instanceof ResponseContent.Untrusted untrusted
                ? new CallOutcome.Unknown("UNTRUSTED_RESPONSE", untrusted.reason(), tracerId, httpStatus, Optional.empty(),
                        false)
                : new CallOutcome.Unknown("UNPARSEABLE_RESPONSE", ((ResponseContent.Unparseable) content).reason(),
                        tracerId, httpStatus, Optional.empty(), false);
    }

    private static String httpCode(int httpStatus) {
        return "HTTP_" + httpStatus;
    }

    private static String httpMessage(int httpStatus, ResponseContent content) {
        if (content instanceof ResponseContent.Result result) {
            return "HTTP " + httpStatus + ": " + result.info().resultCode() + " " + result.info().resultMessage();
        }
        return "HTTP " + httpStatus + (content instanceof ResponseContent.Untrusted untrusted
                ? " (untrusted: " + untrusted.reason() + ")"
                : " (" + ((ResponseContent.Unparseable) content).reason() + ")");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

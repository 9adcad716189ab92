package passrelay.simulator;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One answer queued for a pass, used instead of normal processing for that pass's next request.
 *
 * @param applied    when true the update is still processed normally (state changes), only the
 *                   answer is replaced: how a test makes a {@code U} that actually took effect
 * @param httpStatus the HTTP status to answer with; 200 when empty
 */
public record ScriptedResponse(String resultStatus, String resultCode, String resultMessage, boolean applied,
                               OptionalInt httpStatus) {

    public ScriptedResponse {
        Objects.requireNonNull(resultStatus, "resultStatus");
        Objects.requireNonNull(resultCode, "resultCode");
        Objects.requireNonNull(resultMessage, "resultMessage");
        Objects.requireNonNull(httpStatus, "httpStatus");
        if (!resultStatus.equals("S") && !resultStatus.equals("F") && !resultStatus.equals("U")) {
            throw new IllegalArgumentException("resultStatus must be S, F or U, was '" + resultStatus + "'");
        }
        httpStatus.ifPresent(status -> {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("httpStatus must be 100..599, was " + status);
            }
        });
    }

    /** Answered instead of processing: the pass does not change. */
    public static ScriptedResponse answer(String resultStatus, String resultCode, String resultMessage) {
        return new ScriptedResponse(resultStatus, resultCode, resultMessage, false, OptionalInt.empty());
    }

    /** Processed normally, but answered with this result. */
    public static ScriptedResponse appliedThenAnswer(String resultStatus, String resultCode, String resultMessage) {
        return new ScriptedResponse(resultStatus, resultCode, resultMessage, true, OptionalInt.empty());
    }

    public ScriptedResponse withHttpStatus(int status) {
        return new ScriptedResponse(resultStatus, resultCode, resultMessage, applied, OptionalInt.of(status));
    }
}

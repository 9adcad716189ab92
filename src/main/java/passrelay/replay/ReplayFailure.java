package passrelay.replay;

/** The run could not finish (broker unreachable, a topic missing, a publish not acknowledged): exit 1. */
public final class ReplayFailure extends RuntimeException {
    ReplayFailure(String message) {
        super(message);
    }

    ReplayFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

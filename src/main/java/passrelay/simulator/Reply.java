package passrelay.simulator;

import java.util.Optional;

/** What the simulator decided to answer to one request, before it is signed and sent. */
sealed interface Reply {

    /** The HTTP status to answer with; 0 for {@link Hold}, which sends none. */
    int httpStatus();

    /** A JSON {@code result} body, signed. */
    record Result(int httpStatus, String resultStatus, String resultCode, String resultMessage) implements Reply {
        static Result success() {
            return new Result(200, "S", "SUCCESS", "Success");
        }

        static Result rejected(String resultCode, String resultMessage) {
            return new Result(200, "F", resultCode, resultMessage);
        }

        static Result unknown(String resultCode, String resultMessage) {
            return new Result(200, "U", resultCode, resultMessage);
        }
    }

    /** A forged answer claiming {@code claimed}, forged the way {@code how} says ({@link ResponseSigner#forge}). */
    record Forged(Result claimed, InjectedFault how) implements Reply {
        @Override
        public int httpStatus() {
            return claimed.httpStatus();
        }

        @Override
        public Optional<Result> result() {
            return Optional.of(claimed);
        }
    }

    /** An unsigned HTML error page, as a load balancer in front of the gateway would send. */
    record ErrorPage(int httpStatus) implements Reply {
    }

    /** No answer: the exchange is held until the client gives up (or the hold ends). */
    record Hold() implements Reply {
        @Override
        public int httpStatus() {
            return 0;
        }
    }

    default Optional<Result> result() {
        return this instanceof Result result ? Optional.of(result) : Optional.empty();
    }
}

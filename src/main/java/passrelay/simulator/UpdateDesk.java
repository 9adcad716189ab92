package passrelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import passrelay.event.UpdateRules;

/**
 * Answers one authenticated update: a scripted answer first, then a sick pass's U, then a random fault (a forged
 * answer among them), then the field
 * rules, the test user hook and the pass's state machine. Holds the pass's monitor throughout, so
 * one pass's requests are processed, and recorded, one at a time.
 *
 * <p>Test hook: a {@code userId} starting with {@value #NO_SUCH_USER} is answered F
 * {@code USER_NOT_EXIST}, leaving the pass unchanged.
 */
final class UpdateDesk {
    static final String NO_SUCH_USER = "no-such-user";

    private final PassBook passes;
    private final ArrivalLog arrivals;
    private final Faults faults;
    private final FaultDice dice;
    private final boolean strict;

    UpdateDesk(PassBook passes, ArrivalLog arrivals, Faults faults, FaultDice dice, boolean strict) {
        this.passes = passes;
        this.arrivals = arrivals;
        this.faults = faults;
        this.dice = dice;
        this.strict = strict;
    }

    private record Decision(Reply reply, Optional<InjectedFault> fault, boolean applied) {
    }

    Reply serve(ObjectNode update) {
        String passId = text(update, "passId");
        PassBook.Pass pass = passes.pass(passId);
        synchronized (pass) {
            Decision decision = decide(pass, update);
            record(passId, update, decision);
            return decision.reply();
        }
    }

    /** Records a request answered before any processing: by an outage, or turned away by the throttle. */
    void recordUnserved(ObjectNode update, Reply reply, InjectedFault fault) {
        String passId = text(update, "passId");
        PassBook.Pass pass = passes.pass(passId);
        synchronized (pass) {
            record(passId, update, new Decision(reply, Optional.of(fault), false));
        }
    }

    private Decision decide(PassBook.Pass pass, ObjectNode update) {
        Optional<ScriptedResponse> scripted = pass.nextScripted();
        if (scripted.isPresent()) {
            return scripted(pass, update, scripted.get());
        }
        if (faults.sick(text(update, "passId"))) {
            return new Decision(Reply.Result.unknown("UNKNOWN_EXCEPTION", "an unknown exception occurred"),
                    Optional.of(InjectedFault.SICK_PASS), false);
        }
        Optional<InjectedFault> fault = dice.roll(faults.snapshot());
        if (fault.isPresent()) {
            return new Decision(faultReply(fault.get()), fault, false);
        }
        return process(pass, update);
    }

    private Decision scripted(PassBook.Pass pass, ObjectNode update, ScriptedResponse script) {
        boolean applied = script.applied() && process(pass, update).applied();
        Reply answer = new Reply.Result(script.httpStatus().orElse(200), script.resultStatus(), script.resultCode(),
                script.resultMessage());
        return new Decision(answer, Optional.of(InjectedFault.SCRIPTED), applied);
    }

    private Reply faultReply(InjectedFault fault) {
        return switch (fault) {
            case TIMEOUT -> new Reply.Hold();
            case HTTP_5XX -> new Reply.ErrorPage(dice.serverErrorStatus());
            case RATE_LIMIT -> new Reply.Result(429, "U", "REQUEST_TRAFFIC_EXCEED_LIMIT",
                    "request traffic exceeds the limit");
            case UNKNOWN_RESULT -> Reply.Result.unknown("UNKNOWN_EXCEPTION", "an unknown exception occurred");
            case FORGED_SIGNATURE, STALE_RESPONSE_TIME -> new Reply.Forged(Reply.Result.success(), fault);
            default -> throw new IllegalArgumentException("not a random fault: " + fault);
        };
    }

    private Decision process(PassBook.Pass pass, ObjectNode update) {
        Optional<String> broken = UpdateRules.check(update);
        if (broken.isPresent()) {
            return unapplied(Reply.Result.rejected("PARAM_ILLEGAL", broken.get()));
        }
        if (text(update, "userId").startsWith(NO_SUCH_USER)) {
            return unapplied(Reply.Result.rejected("USER_NOT_EXIST", "the user does not exist"));
        }
        PassState.Transition transition = pass.state().apply(text(update, "status"), strict);
        pass.state(transition.next());
        return new Decision(transition.answer(), Optional.empty(), transition.applied());
    }

    private static Decision unapplied(Reply reply) {
        return new Decision(reply, Optional.empty(), false);
    }

    private void record(String passId, ObjectNode update, Decision decision) {
        Optional<Reply.Result> result = decision.reply().result();
        arrivals.record(new Arrival(arrivals.nextSequence(), passId, text(update, "status"), update,
                decision.reply().httpStatus(), result.map(Reply.Result::resultStatus),
                result.map(Reply.Result::resultCode), decision.fault(), decision.applied()));
    }

    private static String text(JsonNode update, String field) {
        JsonNode value = update.get(field);
        return value != null && value.isTextual() ? value.textValue() : "";
    }
}

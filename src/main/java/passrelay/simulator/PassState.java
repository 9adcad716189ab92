package passrelay.simulator;

/**
 * A pass's life in the simulator's wallet. Transitions, by update {@code status}:
 *
 * <pre>
 *             UPDATE         USED                  CLOSED       REFUND
 * ABSENT      (created first unless strict: then PASS_HAS_NOT_EXIST for every status)
 * ACTIVE      S, ACTIVE      S, USED               S, CLOSED    S, REFUNDED
 * USED        F STATUS_ILL.  F PASS_USED_OCCUPIED  S, CLOSED    F PASS_STATUS_ILLEGAL
 * CLOSED      F PASS_STATUS_ILLEGAL for every status
 * REFUNDED    F PASS_STATUS_ILLEGAL for every status
 * </pre>
 *
 * A used ticket may still be removed from the wallet (CLOSED), but not refunded or changed.
 */
public enum PassState {
    ABSENT, ACTIVE, USED, CLOSED, REFUNDED;

    /** The state after {@code status} is applied, or the F answer that refuses it (state unchanged). */
    record Transition(PassState next, Reply.Result answer) {
        boolean applied() {
            return answer.resultStatus().equals("S");
        }
    }

    Transition apply(String status, boolean strict) {
        return switch (this) {
            case ABSENT -> strict
                    ? refuse("PASS_HAS_NOT_EXIST", "the pass does not exist")
                    : ACTIVE.apply(status, false);
            case ACTIVE -> accept(switch (status) {
                case "USED" -> USED;
                case "CLOSED" -> CLOSED;
                case "REFUND" -> REFUNDED;
                default -> ACTIVE;
            });
            case USED -> switch (status) {
                case "USED" -> refuse("PASS_USED_OCCUPIED", "the pass is already used");
                case "CLOSED" -> accept(CLOSED);
                default -> refuse("PASS_STATUS_ILLEGAL", "a used pass cannot take " + status);
            };
            case CLOSED, REFUNDED -> refuse("PASS_STATUS_ILLEGAL", "the pass is " + name() + ", it takes no " + status);
        };
    }

    private static Transition accept(PassState next) {
        return new Transition(next, Reply.Result.success());
    }

    private Transition refuse(String code, String message) {
        return new Transition(this, Reply.Result.rejected(code, message));
    }
}

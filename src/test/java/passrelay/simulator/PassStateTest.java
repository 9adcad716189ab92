package passrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassStateTest {

    @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
    @CsvSource({
            "ABSENT,   UPDATE, ACTIVE,   SUCCESS",
            "ABSENT,   USED,   USED,     SUCCESS",
            "ABSENT,   CLOSED, CLOSED,   SUCCESS",
            "ABSENT,   REFUND, REFUNDED, SUCCESS",
            "ACTIVE,   UPDATE, ACTIVE,   SUCCESS",
            "ACTIVE,   USED,   USED,     SUCCESS",
            "ACTIVE,   CLOSED, CLOSED,   SUCCESS",
            "ACTIVE,   REFUND, REFUNDED, SUCCESS",
            "USED,     USED,   USED,     PASS_USED_OCCUPIED",
            "USED,     UPDATE, USED,     PASS_STATUS_ILLEGAL",
            "USED,     REFUND, USED,     PASS_STATUS_ILLEGAL",
            "USED,     CLOSED, CLOSED,   SUCCESS",
            "CLOSED,   UPDATE, CLOSED,   PASS_STATUS_ILLEGAL",
            "CLOSED,   USED,   CLOSED,   PASS_STATUS_ILLEGAL",
            "CLOSED,   CLOSED, CLOSED,   PASS_STATUS_ILLEGAL",
            "CLOSED,   REFUND, CLOSED,   PASS_STATUS_ILLEGAL",
            "REFUNDED, UPDATE, REFUNDED, PASS_STATUS_ILLEGAL",
            "REFUNDED, USED,   REFUNDED, PASS_STATUS_ILLEGAL",
            "REFUNDED, CLOSED, REFUNDED, PASS_STATUS_ILLEGAL",
            "REFUNDED, REFUND, REFUNDED, PASS_STATUS_ILLEGAL",
    })
    void shouldFollowTheTransitionTable(PassState from, String status, PassState to, String code) {
        PassState.Transition transition = from.apply(status, false);

        assertThat(transition.next()).isEqualTo(to);
        assertThat(transition.answer().resultCode()).isEqualTo(code);
        assertThat(transition.answer().resultStatus()).isEqualTo(code.equals("SUCCESS") ? "S" : "F");
        assertThat(transition.applied()).isEqualTo(code.equals("SUCCESS"));
    }

    @ParameterizedTest
    @CsvSource({"UPDATE", "USED", "CLOSED", "REFUND"})
    void shouldRefuseEveryStatusOfAnUnknownPassWhenStrict(String status) {
        PassState.Transition transition = PassState.ABSENT.apply(status, true);

        assertThat(transition.next()).isEqualTo(PassState.ABSENT);
        assertThat(transition.answer().resultCode()).isEqualTo("PASS_HAS_NOT_EXIST");
    }
}

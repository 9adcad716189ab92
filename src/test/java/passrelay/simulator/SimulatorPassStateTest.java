package passrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.simulator.Simulators.request;
import static passrelay.simulator.Updates.update;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorPassStateTest {
    private final Simulator simulator = Simulator.start(Simulators.rsa().build());

    @AfterEach
    void close() {
        simulator.close();
    }

    private RawResponse send(String passId, String status) {
        return request(simulator, update(passId, status)).send();
    }

    @Test
    void shouldCreateAnUnknownPassOnFirstSight() {
        assertThat(send("pass-1", "UPDATE").resultCode()).isEqualTo("SUCCESS");
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.ACTIVE);
    }

    @Test
    void shouldAnswerPassUsedOccupiedToASecondUse() {
        RawResponse first = send("pass-1", "USED");
        RawResponse second = send("pass-1", "USED");

        assertThat(first.resultStatus()).isEqualTo("S");
        assertThat(second.resultStatus()).isEqualTo("F");
        assertThat(second.resultCode()).isEqualTo("PASS_USED_OCCUPIED");
    }

    @Test
    void shouldRefuseAnUpdateOfAUsedPass() {
        send("pass-1", "USED");

        RawResponse update = send("pass-1", "UPDATE");

        assertThat(update.resultCode()).isEqualTo("PASS_STATUS_ILLEGAL");
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.USED);
    }

    @Test
    void shouldRefuseEverythingAfterClosed() {
        send("pass-1", "CLOSED");

        assertThat(send("pass-1", "UPDATE").resultCode()).isEqualTo("PASS_STATUS_ILLEGAL");
        assertThat(send("pass-1", "USED").resultCode()).isEqualTo("PASS_STATUS_ILLEGAL");
        assertThat(send("pass-1", "CLOSED").resultCode()).isEqualTo("PASS_STATUS_ILLEGAL");
        assertThat(send("pass-1", "REFUND").resultCode()).isEqualTo("PASS_STATUS_ILLEGAL");
    }

    @Test
    void shouldRefuseEverythingAfterRefund() {
        send("pass-1", "REFUND");

        assertThat(send("pass-1", "UPDATE").resultCode()).isEqualTo("PASS_STATUS_ILLEGAL");
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.REFUNDED);
    }

    @Test
    void shouldLetAUsedPassBeClosed() {
        send("pass-1", "USED");

        assertThat(send("pass-1", "CLOSED").resultStatus()).isEqualTo("S");
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.CLOSED);
    }

    @Test
    void shouldKeepPassesApart() {
        send("pass-1", "CLOSED");

        assertThat(send("pass-2", "UPDATE").resultStatus()).isEqualTo("S");
    }

    @Test
    void shouldAnswerUserNotExistForTheTestHookUser() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE").put("userId", "no-such-user-42")).send();

        assertThat(response.resultStatus()).isEqualTo("F");
        assertThat(response.resultCode()).isEqualTo("USER_NOT_EXIST");
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.ABSENT);
    }

    @Test
    void shouldAnswerPassHasNotExistForAnUnknownPassWhenStrict() {
        try (Simulator strict = Simulator.start(Simulators.rsa().strict(true).build())) {
            strict.createPass("known");

            RawResponse unknown = request(strict, update("unknown", "UPDATE")).send();
            RawResponse known = request(strict, update("known", "UPDATE")).send();

            assertThat(unknown.resultCode()).isEqualTo("PASS_HAS_NOT_EXIST");
            assertThat(strict.passState("unknown")).isEqualTo(PassState.ABSENT);
            assertThat(known.resultStatus()).isEqualTo("S");
        }
    }
}

package passrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.simulator.Simulators.CLIENT_ID;
import static passrelay.simulator.Simulators.request;
import static passrelay.simulator.Updates.update;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import passrelay.alipay.SignatureAlgorithm;

class SimulatorScriptTest {
    private final Simulator simulator = Simulator.start(Simulators.rsa().build());

    @AfterEach
    void close() {
        simulator.close();
    }

    private RawResponse send(String passId, String status) {
        return request(simulator, update(passId, status)).send();
    }

    @Test
    void shouldAnswerScriptedResponsesInOrderThenProcessNormally() {
        simulator.script("pass-1",
                ScriptedResponse.answer("U", "SYSTEM_ERROR", "system busy"),
                ScriptedResponse.answer("F", "BIZ_NOT_SUPPORT", "not supported"));

        RawResponse first = send("pass-1", "UPDATE");
        RawResponse second = send("pass-1", "UPDATE");
        RawResponse third = send("pass-1", "UPDATE");

        assertThat(List.of(first.resultCode(), second.resultCode(), third.resultCode()))
                .containsExactly("SYSTEM_ERROR", "BIZ_NOT_SUPPORT", "SUCCESS");
        assertThat(first.resultMessage()).isEqualTo("system busy");
        assertThat(first.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(), CLIENT_ID))
                .isTrue();
    }

    @Test
    void shouldLeaveThePassUnchangedByAScriptedAnswer() {
        simulator.script("pass-1", ScriptedResponse.answer("U", "UNKNOWN_EXCEPTION", "unknown"));

        RawResponse scripted = send("pass-1", "USED");
        RawResponse retried = send("pass-1", "USED");

        assertThat(scripted.resultStatus()).isEqualTo("U");
        assertThat(retried.resultStatus()).isEqualTo("S");
        assertThat(simulator.arrivals("pass-1")).extracting(Arrival::applied).containsExactly(false, true);
    }

    @Test
    void shouldApplyTheUpdateBehindAnAppliedScript() {
        simulator.script("pass-1", ScriptedResponse.appliedThenAnswer("U", "UNKNOWN_EXCEPTION", "unknown"));

        RawResponse tookEffect = send("pass-1", "USED");
        RawResponse retried = send("pass-1", "USED");

        assertThat(tookEffect.resultStatus()).isEqualTo("U");
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.USED);
        assertThat(retried.resultCode()).isEqualTo("PASS_USED_OCCUPIED");
        assertThat(simulator.arrivals("pass-1").get(0).fault()).contains(InjectedFault.SCRIPTED);
        assertThat(simulator.arrivals("pass-1").get(0).applied()).isTrue();
    }

    @Test
    void shouldAnswerAScriptedHttpStatusWithTheSignedResult() {
        simulator.script("pass-1", ScriptedResponse.answer("U", "SYSTEM_ERROR", "busy").withHttpStatus(500));

        RawResponse response = send("pass-1", "UPDATE");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.resultCode()).isEqualTo("SYSTEM_ERROR");
    }

    @Test
    void shouldScriptOnlyThePassNamed() {
        simulator.script("pass-1", ScriptedResponse.answer("F", "BIZ_NOT_SUPPORT", "no"));

        assertThat(send("pass-2", "UPDATE").resultCode()).isEqualTo("SUCCESS");
        assertThat(send("pass-1", "UPDATE").resultCode()).isEqualTo("BIZ_NOT_SUPPORT");
    }
}

package passrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static passrelay.simulator.Simulators.CLIENT_ID;
import static passrelay.simulator.Simulators.request;
import static passrelay.simulator.TestKeys.SIMULATOR_EC;
import static passrelay.simulator.TestKeys.SIMULATOR_RSA;
import static passrelay.simulator.Updates.update;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import passrelay.alipay.RsaAesEnvelope;
import passrelay.alipay.SignatureAlgorithm;

class SimulatorEncryptionTest {

    private static RawRequest encrypted(Simulator simulator, String passId, PublicKey sealedFor) {
        RsaAesEnvelope.Sealed sealed = RsaAesEnvelope.seal(
                update(passId, "UPDATE").toString().getBytes(StandardCharsets.UTF_8), sealedFor);
        return request(simulator, "")
                .body(sealed.body().getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .header("Encrypt", sealed.encryptHeader(Optional.of("1")));
    }

    @Test
    void shouldOpenAnEncryptedRequestAndEncryptItsAnswerForTheClient() throws Exception {
        try (Simulator simulator = Simulator.start(Simulators.rsa().build())) {
            RawResponse response = encrypted(simulator, "pass-1", TestKeys.SIMULATOR_RSA.getPublic()).send();

            assertThat(response.header("Encrypt")).hasValueSatisfying(value -> assertThat(value).contains("RSA_AES"));
            assertThat(response.header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.signatureVerifies(SignatureAlgorithm.RSA256, SIMULATOR_RSA.getPublic(), CLIENT_ID))
                    .isTrue();
            RawResponse opened = response.opened(TestKeys.CLIENT_RSA.getPrivate());
            assertThat(opened.resultStatus()).isEqualTo("S");
            assertThat(simulator.arrivals("pass-1")).singleElement()
                    .satisfies(arrival -> assertThat(arrival.update().at("/dataInfo/seat").asText()).isEqualTo("A7"));
        }
    }

    @Test
    void shouldRejectABodyThatDoesNotDecryptAsABadSignature() {
        try (Simulator simulator = Simulator.start(Simulators.rsa().build())) {
            RawResponse response = encrypted(simulator, "pass-1", TestKeys.STRANGER_RSA.getPublic()).send();

            assertThat(response.header("Encrypt")).isEmpty();
            assertThat(response.resultStatus()).isEqualTo("F");
            assertThat(response.resultCode()).isEqualTo("INVALID_SIGNATURE");
            assertThat(simulator.allArrivals()).isEmpty();
        }
    }

    @Test
    void shouldVerifyAndSignWithEcc224() {
        SimulatorOptions options = SimulatorOptions.builder()
                .clientId(CLIENT_ID)
                .signatureAlgorithm(SignatureAlgorithm.ECC224)
                .clientPublicKey(TestKeys.CLIENT_EC.getPublic())
                .privateKey(TestKeys.SIMULATOR_EC.getPrivate())
                .build();
        try (Simulator simulator = Simulator.start(options)) {
            RawResponse signed = request(simulator, update("pass-1", "UPDATE"))
                    .signedWith(SignatureAlgorithm.ECC224, TestKeys.CLIENT_EC.getPrivate())
                    .send();
            RawResponse rsaSigned = request(simulator, update("pass-1", "UPDATE")).send();

            assertThat(signed.resultStatus()).isEqualTo("S");
            assertThat(signed.signatureVerifies(SignatureAlgorithm.ECC224, SIMULATOR_EC.getPublic(), CLIENT_ID))
                    .isTrue();
            assertThat(rsaSigned.resultCode()).isEqualTo("INVALID_SIGNATURE");
        }
    }

    @Test
    void shouldRefuseKeysThatDoNotFitTheAlgorithm() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorOptions.builder()
                        .signatureAlgorithm(SignatureAlgorithm.ECC224)
                        .clientPublicKey(TestKeys.CLIENT_RSA.getPublic())
                        .build())
                .withMessageContaining("ECC224");
    }
}

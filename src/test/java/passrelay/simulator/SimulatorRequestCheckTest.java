package passrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.simulator.Simulators.CLIENT_ID;
import static passrelay.simulator.Simulators.request;
import static passrelay.simulator.Updates.update;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import passrelay.alipay.SignatureAlgorithm;

class SimulatorRequestCheckTest {
    private final Simulator simulator = Simulator.start(Simulators.rsa().build());

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void shouldAnswerACorrectRequestWithASignedSuccess() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE")).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.resultStatus()).isEqualTo("S");
        assertThat(response.resultCode()).isEqualTo("SUCCESS");
        assertThat(response.header("Client-Id")).contains(CLIENT_ID);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.header("Tracer-Id")).isPresent();
        assertThat(response.header("Response-Time")).hasValueSatisfying(time -> assertThat(time)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+08:00"));
        assertThat(response.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(), CLIENT_ID))
                .isTrue();
    }

    @Test
    void shouldTakeResponseTimeFromTheInjectedClock() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:15:30.123Z"), SimulatorOptions.HONG_KONG);
        try (Simulator fixed = Simulator.start(Simulators.rsa().clock(clock).build())) {
            RawResponse response = request(fixed, update("pass-1", "UPDATE")).send();

            assertThat(response.header("Response-Time")).contains("2026-11-25T18:15:30.123+08:00");
        }
    }

    @Test
    void shouldShareOneVerifyingSignatureBetweenAlikeAnswersOfOneSecondWhenSignaturesAreCached() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:15:30.123Z"), SimulatorOptions.HONG_KONG);
        try (Simulator cached = Simulator.start(Simulators.rsa().clock(clock).cachedSignatures(true).build())) {
            RawResponse first = request(cached, update("pass-1", "UPDATE")).send();
            RawResponse second = request(cached, update("pass-2", "UPDATE")).send();

            assertThat(first.header("Response-Time")).contains("2026-11-25T18:15:30.000+08:00");
            assertThat(second.header("Signature")).isEqualTo(first.header("Signature"));
            assertThat(second.header("Tracer-Id")).isNotEqualTo(first.header("Tracer-Id"));
            assertThat(second.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(),
                    CLIENT_ID)).isTrue();
        }
    }

    @Test
    void shouldGiveEveryResponseItsOwnTracerId() {
        String first = request(simulator, update("pass-1", "UPDATE")).send().header("Tracer-Id").orElseThrow();
        String second = request(simulator, update("pass-1", "UPDATE")).send().header("Tracer-Id").orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void shouldRejectOneChangedBodyByte() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE"))
                .tamperedAfterSigning(body -> {
                    byte[] changed = body.clone();
                    changed[changed.length - 2] ^= 1;
                    return changed;
                })
                .send();

        assertThat(response.resultStatus()).isEqualTo("F");
        assertThat(response.resultCode()).isEqualTo("INVALID_SIGNATURE");
        assertThat(simulator.allArrivals()).isEmpty();
    }

    @Test
    void shouldRejectASignatureMadeWithAnotherKey() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE"))
                .signedWith(SignatureAlgorithm.RSA256, TestKeys.STRANGER_RSA.getPrivate())
                .send();

        assertThat(response.resultCode()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void shouldRejectAMissingSignature() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE")).header("Signature", null).send();

        assertThat(response.resultCode()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void shouldRejectASignatureThatNamesAnotherAlgorithm() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE"))
                .header("Signature", "algorithm=ECC224,keyVersion=1,signature=AAAA")
                .send();

        assertThat(response.resultCode()).isEqualTo("INVALID_SIGNATURE");
        assertThat(response.resultMessage()).contains("RSA256");
    }

    @Test
    void shouldRejectAnotherClientId() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE")).clientId("someone-else").send();

        assertThat(response.resultStatus()).isEqualTo("F");
        assertThat(response.resultCode()).isEqualTo("INVALID_CLIENT");
    }

    @Test
    void shouldRejectAMissingRequestTimeNamingTheHeader() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE")).requestTime(null).send();

        assertThat(response.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(response.resultMessage()).contains("Request-Time");
    }

    @Test
    void shouldRejectARequestTimeWithoutAnOffset() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE"))
                .requestTime("2026-11-25T18:15:30.123")
                .send();

        assertThat(response.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(response.resultMessage()).contains("Request-Time");
    }

    @Test
    void shouldRejectABodyThatIsNotJson() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send();

        assertThat(response.resultCode()).isEqualTo("MEDIA_TYPE_NOT_ACCEPTABLE");
    }

    @Test
    void shouldRejectPlainTextWhenTheBodyIsNotEncrypted() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE"))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .send();

        assertThat(response.resultCode()).isEqualTo("MEDIA_TYPE_NOT_ACCEPTABLE");
    }

    @Test
    void shouldRejectOtherMethods() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE")).method("PUT").send();

        assertThat(response.resultCode()).isEqualTo("METHOD_NOT_SUPPORTED");
    }

    @Test
    void shouldAnswerInvalidApiOnOtherPaths() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE"))
                .path("/api/open/alipay/v1/ipass/pass/manage/createPass")
                .send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.resultCode()).isEqualTo("INVALID_API");
    }

    @Test
    void shouldReadHeaderNamesCaseInsensitively() {
        RawResponse response = request(simulator, update("pass-1", "UPDATE")).lowerCaseHeaderNames().send();

        assertThat(response.resultStatus()).isEqualTo("S");
    }

    @Test
    void shouldRejectABodyThatIsNotAJsonObject() {
        RawResponse response = request(simulator, "[1, 2, 3]").send();

        assertThat(response.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(response.resultMessage()).contains("JSON object");
    }

    static Stream<Arguments> brokenUpdates() {
        return Stream.of(
                Arguments.of(update("pass-1", "UPDATE").without("merchantId"), "merchantId"),
                Arguments.of(update("pass-1", "UPDATE").without("passId"), "passId"),
                Arguments.of(update("pass-1", "UPDATE").without("userId"), "userId"),
                Arguments.of(update("pass-1", "UPDATE").put("status", "LOST"), "status"),
                Arguments.of(update("pass-1", "UPDATE").put("updateDetailType", "UPDATE_CAR"), "updateDetailType"),
                Arguments.of(update("pass-1", "UPDATE").without("bizDate"), "bizDate"),
                Arguments.of(update("pass-1", "UPDATE").without("dataInfo"), "dataInfo"),
                Arguments.of(update("pass-1", "USED").put("endDate", "tomorrow"), "endDate"));
    }

    @ParameterizedTest
    @MethodSource("brokenUpdates")
    void shouldRejectAnInvalidFieldNamingIt(ObjectNode update, String field) {
        RawResponse response = request(simulator, update).send();

        assertThat(response.resultStatus()).isEqualTo("F");
        assertThat(response.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(response.resultMessage()).contains(field);
    }

    @Test
    void shouldSkipVerificationWithoutAClientPublicKey() {
        try (Simulator trusting = Simulator.start(SimulatorOptions.builder().clientId(CLIENT_ID).build())) {
            RawResponse response = request(trusting, update("pass-1", "UPDATE")).header("Signature", null).send();

            assertThat(response.resultStatus()).isEqualTo("S");
            assertThat(response.header("Signature")).isEmpty();
        }
    }
}

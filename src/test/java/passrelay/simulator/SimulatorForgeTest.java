package passrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static passrelay.simulator.Simulators.CLIENT_ID;
import static passrelay.simulator.Simulators.request;
import static passrelay.simulator.Updates.update;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import passrelay.alipay.MessageVerifier;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.alipay.SignatureHeader;
import passrelay.alipay.SigningContent;
import passrelay.alipay.UpdatePassClient;

/** Forged answers (a copied signature, a stale Response-Time) and the detection of overlapping calls of a pass. */
class SimulatorForgeTest {
    private Simulator simulator = Simulator.start(Simulators.rsa().build());

    @AfterEach
    void close() {
        simulator.close();
    }

    private RawResponse send(String passId, String status) {
        return request(simulator, update(passId, status)).send();
    }

    @Test
    void shouldForgeASuccessUnderAGenuineSignatureOfAnotherBody() {
        simulator.faults().update(faults -> faults.withForgery(1.0, ForgeKind.COPIED_SIGNATURE));

        RawResponse forged = send("pass-1", "USED");

        assertThat(forged.resultStatus()).isEqualTo("S");
        assertThat(forged.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(), CLIENT_ID))
                .as("the signature does not cover the forged body").isFalse();
        byte[] otherBody = ("{\"result\":{\"resultStatus\":\"U\",\"resultCode\":\"UNKNOWN_EXCEPTION\","
                + "\"resultMessage\":\"an unknown exception occurred\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(forged, otherBody)).as("it is a genuine signature of another body").isTrue();
        assertThat(forged.header("Tracer-Id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith(ForgeKind.TRACER_PREFIX));
        assertThat(simulator.passState("pass-1")).as("not applied").isEqualTo(PassState.ABSENT);
        assertThat(simulator.arrivals("pass-1")).singleElement()
                .satisfies(arrival -> assertThat(arrival.fault()).contains(InjectedFault.FORGED_SIGNATURE));
    }

    @Test
    void shouldForgeASuccessGenuinelySignedWithAResponseTimeTenMinutesOld() {
        simulator.faults().update(faults -> faults.withForgery(1.0, ForgeKind.STALE_TIME));

        RawResponse forged = send("pass-1", "USED");

        assertThat(forged.resultStatus()).isEqualTo("S");
        assertThat(forged.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(), CLIENT_ID))
                .isTrue();
        Duration age = Duration.between(OffsetDateTime.parse(forged.header("Response-Time").orElseThrow()),
                OffsetDateTime.now());
        assertThat(age).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.ABSENT);
        assertThat(simulator.arrivals("pass-1").get(0).fault()).contains(InjectedFault.STALE_RESPONSE_TIME);
    }

    @Test
    void shouldTakeForgeryFromFlagsAndTheAdminEndpoint() {
        FaultSettings flagged = SimulatorFlags.parse(
                new String[] {"--forge-rate", "0.25", "--forge-kind", "stale-time"}).faults();
        simulator.faults().update(new AdminJson(Updates.JSON).faultChange(
                Updates.JSON.createObjectNode().put("forgeRate", 0.5).put("forgeKind", "copied-signature"),
                simulator.now()));

        assertThat(flagged.forgeRate()).isEqualTo(0.25);
        assertThat(flagged.forgeKind()).isEqualTo(ForgeKind.STALE_TIME);
        assertThat(simulator.faults().snapshot().forgeRate()).isEqualTo(0.5);
        assertThat(simulator.faults().snapshot().forgeKind()).isEqualTo(ForgeKind.COPIED_SIGNATURE);
        assertThatThrownBy(() -> SimulatorFlags.parse(new String[] {"--forge-kind", "nonsense"}))
                .hasMessageContaining("nonsense");
    }

    @Test
    void shouldCountARequestThatArrivesWhileAnotherOfItsPassIsUnanswered() {
        simulator.faults().latencyMs(1_000);

        CompletableFuture<RawResponse> first = request(simulator, update("pass-1", "UPDATE")).sendAsync();
        CompletableFuture<RawResponse> second = request(simulator, update("pass-1", "USED")).sendAsync();
        CompletableFuture<RawResponse> otherPass = request(simulator, update("pass-2", "UPDATE")).sendAsync();
        CompletableFuture.allOf(first, second, otherPass).join();

        assertThat(simulator.overlappingCalls()).isEqualTo(1);
        assertThat(simulator.overlappingPasses()).containsExactly("pass-1");
    }

    @Test
    void shouldCountTheSameUpdateAgainWhileUnansweredAsARepeatNotAnOverlap() {
        simulator.faults().latencyMs(1_000);
        RawRequest first = request(simulator, update("pass-1", "UPDATE"));

        CompletableFuture<RawResponse> attempt = first.sendAsync();
        CompletableFuture<RawResponse> retry = first.sendAsync();
        CompletableFuture.allOf(attempt, retry).join();

        assertThat(simulator.overlappingCalls()).isZero();
        assertThat(simulator.repeatedWhileUnanswered()).isEqualTo(1);
    }

    @Test
    void shouldCountNoOverlapWhenEachCallWaitsForTheAnswerOfThePrevious() {
        simulator.faults().latencyMs(50);

        for (int i = 0; i < 5; i++) {
            send("pass-1", "UPDATE");
        }

        assertThat(simulator.overlappingCalls()).isZero();
    }

    private static boolean verifies(RawResponse response, byte[] body) {
        SignatureHeader signature = SignatureHeader.parse(response.header("Signature").orElseThrow()).orElseThrow();
        byte[] content = SigningContent.of("POST", UpdatePassClient.PATH, CLIENT_ID,
                response.header("Response-Time").orElseThrow(), body);
        return new MessageVerifier(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic())
                .verify(content, signature.signatureBase64());
    }
}

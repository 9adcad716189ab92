package passrelay.simulator;

import passrelay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static passrelay.simulator.Simulators.CLIENT_ID;
import static passrelay.simulator.Simulators.request;
import static passrelay.simulator.Updates.update;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import passrelay.alipay.SignatureAlgorithm;

class SimulatorFaultsTest {
    private Simulator simulator = Simulator.start(Simulators.rsa().build());

    @AfterEach
    void close() {
        simulator.close();
    }

    private RawResponse send(String passId, String status) {
        return request(simulator, update(passId, status)).send();
    }

    @Test
    void shouldAnswerUnknownWithoutApplyingTheUpdateAtAURateOfOne() {
        simulator.faults().uRate(1.0);

        RawResponse faulted = send("pass-1", "USED");
        simulator.faults().uRate(0);
        RawResponse retried = send("pass-1", "USED");

        assertThat(faulted.resultStatus()).isEqualTo("U");
        assertThat(faulted.resultCode()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(faulted.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(), CLIENT_ID))
                .isTrue();
        assertThat(retried.resultStatus()).as("the faulted USED did not take effect").isEqualTo("S");
        assertThat(simulator.arrivals("pass-1").get(0).fault()).contains(InjectedFault.UNKNOWN_RESULT);
    }

    @Test
    void shouldAnswerAnHtmlServerErrorAtA5xxRateOfOne() {
        simulator.faults().http5xxRate(1.0);

        RawResponse response = send("pass-1", "UPDATE");

        assertThat(response.status()).isIn(500, 503);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.header("Signature")).isEmpty();
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.ABSENT);
        assertThat(simulator.arrivals("pass-1")).singleElement()
                .satisfies(arrival -> assertThat(arrival.fault()).contains(InjectedFault.HTTP_5XX));
    }

    @Test
    void shouldRateLimitWithHttp429AndASignedUnknownResult() {
        simulator.faults().rateLimitRate(1.0);

        RawResponse response = send("pass-1", "UPDATE");

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.resultStatus()).isEqualTo("U");
        assertThat(response.resultCode()).isEqualTo("REQUEST_TRAFFIC_EXCEED_LIMIT");
        assertThat(response.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(), CLIENT_ID))
                .isTrue();
    }

    @Test
    void shouldThrottleARequestArrivingWhileMaxConcurrentAreBeingServed() {
        simulator.close();
        simulator = Simulator.start(Simulators.rsa().timeoutHold(Duration.ofSeconds(2)).build());
        simulator.faults().timeoutRate(1.0).update(settings -> settings.withMaxConcurrent(2));
        for (String passId : List.of("pass-1", "pass-2")) { // held: being served until the hold ends
            assertThatThrownBy(() -> request(simulator, update(passId, "UPDATE")).timeout(Duration.ofMillis(200)).send())
                    .hasCauseInstanceOf(HttpTimeoutException.class);
        }
        simulator.faults().timeoutRate(0);

        RawResponse throttled = send("pass-3", "USED");

        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.resultStatus()).isEqualTo("U");
        assertThat(throttled.resultCode()).isEqualTo("REQUEST_TRAFFIC_EXCEED_LIMIT");
        assertThat(throttled.elapsedMillis()).as("turned away at once").isLessThan(1_000);
        assertThat(throttled.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(), CLIENT_ID))
                .isTrue();
        assertThat(simulator.requestsBeingServed()).isEqualTo(2);
        assertThat(simulator.requestsThrottled()).isEqualTo(1);
        assertThat(simulator.passState("pass-3")).as("not applied").isEqualTo(PassState.ABSENT);
        assertThat(simulator.arrivals("pass-3")).singleElement()
                .satisfies(arrival -> assertThat(arrival.fault()).contains(InjectedFault.THROTTLED));

        Await.until(Duration.ofSeconds(10), "the held requests' holds end", () -> simulator.requestsBeingServed() == 0);
        assertThat(send("pass-3", "USED").resultStatus()).as("served again below the limit").isEqualTo("S");
        assertThat(simulator.requestsAdmitted()).isEqualTo(3);
    }

    @Test
    void shouldServeAtMostItsCapacityAtOnceAndLetTheRestWaitInLine() {
        simulator.faults().latencyMs(300).update(settings -> settings.withCapacity(1));

        List<CompletableFuture<RawResponse>> calls = IntStream.range(0, 3)
                .mapToObj(i -> request(simulator, update("pass-" + i, "UPDATE")).sendAsync()).toList();
        Await.until(Duration.ofSeconds(5), "two requests wait in line", () -> simulator.requestsWaiting() == 2);
        List<RawResponse> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(RawResponse::resultStatus).containsOnly("S");
        assertThat(answers.stream().mapToLong(RawResponse::elapsedMillis).max().orElseThrow())
                .as("the last served after two others, one at a time").isGreaterThanOrEqualTo(900);
        assertThat(simulator.requestsWaiting()).isZero();
        assertThat(SimulatorFlags.parse(new String[] {"--capacity", "32"}).faults().capacity()).isEqualTo(32);
    }

    @Test
    void shouldTakeTheThrottleFromItsFlag() {
        assertThat(SimulatorFlags.parse(new String[] {"--max-concurrent", "64"}).faults().maxConcurrent()).isEqualTo(64);
        assertThat(SimulatorFlags.parse(new String[0]).faults().maxConcurrent()).as("no throttling by default").isZero();
        assertThatThrownBy(() -> SimulatorFlags.parse(new String[] {"--max-concurrent", "-1"}))
                .hasMessageContaining("--max-concurrent");
    }

    @Test
    void shouldAnswer503DuringAnOutageWindowAndRecoverAfterIt() {
        simulator.faults().outageFor(Duration.ofMillis(300));

        RawResponse during = send("pass-1", "UPDATE");
        Await.until(Duration.ofSeconds(5), "the outage window ends", () -> !simulator.faults().outageActive());
        RawResponse after = send("pass-1", "UPDATE");

        assertThat(during.status()).isEqualTo(503);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.resultStatus()).isEqualTo("S");
        assertThat(simulator.arrivals("pass-1")).extracting(Arrival::fault)
                .containsExactly(Optional.of(InjectedFault.OUTAGE), Optional.empty());
    }

    @Test
    void shouldAnswer503ToEvenAnUnauthenticatedRequestUntilTheOutageIsCleared() {
        simulator.faults().outageUntilCleared();

        RawResponse during = request(simulator, update("pass-1", "UPDATE")).clientId("someone-else").send();
        simulator.faults().clearOutage();
        RawResponse after = send("pass-1", "UPDATE");

        assertThat(during.status()).isEqualTo(503);
        assertThat(after.resultStatus()).isEqualTo("S");
    }

    @Test
    void shouldDelayEveryAnswerByTheLatency() {
        simulator.faults().latencyMs(400);

        RawResponse success = send("pass-1", "UPDATE");
        RawResponse rejected = request(simulator, update("pass-1", "UPDATE")).clientId("someone-else").send();

        assertThat(success.elapsedMillis()).isGreaterThanOrEqualTo(400);
        assertThat(rejected.elapsedMillis()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void shouldHoldATimedOutRequestUntilTheClientGivesUp() {
        simulator.faults().timeoutRate(1.0);

        assertThatThrownBy(() -> request(simulator, update("pass-1", "UPDATE")).timeout(Duration.ofMillis(300)).send())
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(simulator.heldRequests()).isEqualTo(1);
        assertThat(simulator.passState("pass-1")).isEqualTo(PassState.ABSENT);
        assertThat(simulator.arrivals("pass-1")).singleElement()
                .satisfies(arrival -> assertThat(arrival.fault()).contains(InjectedFault.TIMEOUT));
    }

    @Test
    void shouldDropTheConnectionOfAHeldRequestWhenTheHoldEnds() {
        simulator.close();
        simulator = Simulator.start(Simulators.rsa().timeoutHold(Duration.ofMillis(300)).build());
        simulator.faults().timeoutRate(1.0);

        assertThatThrownBy(() -> send("pass-1", "UPDATE")).isInstanceOf(UncheckedIOException.class);
        assertThat(simulator.heldRequests()).isZero();
    }

    @Test
    void shouldDrawTheSameFaultsFromTheSameSeed() {
        FaultSettings half = FaultSettings.NONE.withURate(0.5);
        List<String> first = codes(Simulators.rsa().seed(42).faults(half).build());
        List<String> second = codes(Simulators.rsa().seed(42).faults(half).build());

        assertThat(first).isEqualTo(second).contains("SUCCESS", "UNKNOWN_EXCEPTION");
    }

    private static List<String> codes(SimulatorOptions options) {
        try (Simulator seeded = Simulator.start(options)) {
            return IntStream.range(0, 20)
                    .mapToObj(i -> request(seeded, update("pass-" + i, "UPDATE")).send().resultCode())
                    .toList();
        }
    }
}

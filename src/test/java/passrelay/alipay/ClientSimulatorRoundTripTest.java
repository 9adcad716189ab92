package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.simulator.Updates.update;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import passrelay.config.AlipaySettings;
import passrelay.simulator.Arrival;
import passrelay.simulator.ForgeKind;
import passrelay.simulator.PassState;
import passrelay.simulator.ScriptedResponse;
import passrelay.simulator.Simulator;
import passrelay.simulator.SimulatorOptions;

/** The real client against the simulator, over real HTTP: every outcome class of SPEC section 4. */
class ClientSimulatorRoundTripTest {
    private static final String CLIENT_ID = "2022091917270400000";
    private static final KeyPair CLIENT_RSA = PemKeys.generate(SignatureAlgorithm.RSA256);
    private static final KeyPair SIMULATOR_RSA = PemKeys.generate(SignatureAlgorithm.RSA256);
    private static final KeyPair STRANGER_RSA = PemKeys.generate(SignatureAlgorithm.RSA256);

    private Simulator simulator = Simulator.start(rsaSimulator().build());

    @AfterEach
    void close() {
        simulator.close();
    }

    private static SimulatorOptions.Builder rsaSimulator() {
        return SimulatorOptions.builder().clientId(CLIENT_ID)
                .clientPublicKey(CLIENT_RSA.getPublic())
                .privateKey(SIMULATOR_RSA.getPrivate());
    }

    /** How the client is set up for one call; {@link #of(Simulator)} is the correct RSA256 set-up. */
    private record ClientSetup(URI baseUrl, String clientId, SignatureAlgorithm algorithm, PrivateKey ourKey,
                               Optional<PublicKey> alipayKey, Encryption encryption, Duration timeout) {
        static ClientSetup of(Simulator simulator) {
            return new ClientSetup(simulator.baseUrl(), CLIENT_ID, SignatureAlgorithm.RSA256, CLIENT_RSA.getPrivate(),
                    Optional.of(SIMULATOR_RSA.getPublic()), Encryption.NONE, Duration.ofSeconds(10));
        }

        ClientSetup baseUrl(URI value) {
            return new ClientSetup(value, clientId, algorithm, ourKey, alipayKey, encryption, timeout);
        }

        ClientSetup clientId(String value) {
            return new ClientSetup(baseUrl, value, algorithm, ourKey, alipayKey, encryption, timeout);
        }

        ClientSetup keys(SignatureAlgorithm signatureAlgorithm, PrivateKey own, Optional<PublicKey> alipay) {
            return new ClientSetup(baseUrl, clientId, signatureAlgorithm, own, alipay, encryption, timeout);
        }

        ClientSetup encryption(Encryption value) {
            return new ClientSetup(baseUrl, clientId, algorithm, ourKey, alipayKey, value, timeout);
        }

        ClientSetup timeout(Duration value) {
            return new ClientSetup(baseUrl, clientId, algorithm, ourKey, alipayKey, encryption, value);
        }

        Exchange call(ObjectNode update) throws Exception {
            AlipaySettings settings = new AlipaySettings(baseUrl, clientId, Optional.empty(), Path.of("unused.pem"),
                    Optional.empty(), algorithm, Optional.of("1"), encryption, timeout);
            try (HttpUpdatePassClient client = new HttpUpdatePassClient(settings, Clock.systemDefaultZone(), ourKey,
                    alipayKey)) {
                return client.exchange(update).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private CallOutcome call(ObjectNode update) throws Exception {
        return ClientSetup.of(simulator).call(update).outcome();
    }

    @Test
    void shouldSucceedWithAVerifiedAnswer() throws Exception {
        ObjectNode update = update("pass-1", "UPDATE");

        Exchange exchange = ClientSetup.of(simulator).call(update);

        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Success.class);
        assertThat(exchange.outcome().resultCode()).isEqualTo("SUCCESS");
        assertThat(exchange.outcome().tracerId()).isPresent();
        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
        assertThat(simulator.arrivals("pass-1")).singleElement().extracting(Arrival::update).isEqualTo(update);
    }

    @Test
    void shouldRejectAnInvalidUpdateAsParamIllegal() throws Exception {
        ObjectNode noDataInfo = update("pass-1", "UPDATE");
        noDataInfo.remove("dataInfo");

        CallOutcome outcome = call(noDataInfo);

        assertThat(outcome).isInstanceOf(CallOutcome.Rejected.class);
        assertThat(outcome.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(outcome.resultMessage()).contains("dataInfo");
    }

    @Test
    void shouldRejectAnUnknownUser() throws Exception {
        CallOutcome outcome = call(update("pass-1", "UPDATE").put("userId", "no-such-user-7"));

        assertThat(outcome).isInstanceOf(CallOutcome.Rejected.class);
        assertThat(outcome.resultCode()).isEqualTo("USER_NOT_EXIST");
    }

    @Test
    void shouldRejectAnUnknownPassWhenTheSimulatorIsStrict() throws Exception {
        simulator.close();
        simulator = Simulator.start(rsaSimulator().strict(true).build());

        CallOutcome outcome = call(update("pass-1", "UPDATE"));

        assertThat(outcome).isInstanceOf(CallOutcome.Rejected.class);
        assertThat(outcome.resultCode()).isEqualTo("PASS_HAS_NOT_EXIST");
    }

    @Test
    void shouldRejectASecondUse() throws Exception {
        CallOutcome first = call(update("pass-1", "USED"));
        CallOutcome second = call(update("pass-1", "USED"));

        assertThat(first).isInstanceOf(CallOutcome.Success.class);
        assertThat(second).isInstanceOf(CallOutcome.Rejected.class);
        assertThat(second.resultCode()).isEqualTo("PASS_USED_OCCUPIED");
    }

    @Test
    void shouldRejectAnUpdateOfAClosedPass() throws Exception {
        call(update("pass-1", "CLOSED"));

        CallOutcome outcome = call(update("pass-1", "UPDATE"));

        assertThat(outcome).isInstanceOf(CallOutcome.Rejected.class);
        assertThat(outcome.resultCode()).isEqualTo("PASS_STATUS_ILLEGAL");
    }

    @Test
    void shouldAnswerPassUsedOccupiedAfterAnUnknownThatTookEffect() throws Exception {
        simulator.script("pass-1", ScriptedResponse.appliedThenAnswer("U", "UNKNOWN_EXCEPTION", "unknown"));

        CallOutcome first = call(update("pass-1", "USED"));
        CallOutcome retry = call(update("pass-1", "USED"));

        assertThat(first).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(retry.resultCode()).isEqualTo("PASS_USED_OCCUPIED");
    }

    @Test
    void shouldCallAnotherClientIdMisconfiguredWhenAnswersAreNotVerified() throws Exception {
        CallOutcome outcome = ClientSetup.of(simulator).clientId("someone-else")
                .keys(SignatureAlgorithm.RSA256, CLIENT_RSA.getPrivate(), Optional.empty())
                .call(update("pass-1", "UPDATE")).outcome();

        assertThat(outcome).isInstanceOf(CallOutcome.Misconfigured.class);
        assertThat(outcome.resultCode()).isEqualTo("INVALID_CLIENT");
    }

    @Test
    void shouldNotTrustAnAnswerSignedForAnotherClient() throws Exception {
        simulator.close();
        simulator = Simulator.start(rsaSimulator().clientId("other").build());

        Exchange exchange = ClientSetup.of(simulator).call(update("pass-1", "UPDATE"));

        assertThat(exchange.response().orElseThrow().headers().firstValue("Client-Id")).hasValue("other");
        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.FAILED);
        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
    }

    @Test
    void shouldNotTrustAForgedSuccessUnderASignatureCopiedFromAnotherBody() throws Exception {
        simulator.faults().update(faults -> faults.withForgery(1.0, ForgeKind.COPIED_SIGNATURE));

        Exchange exchange = ClientSetup.of(simulator).call(update("pass-1", "USED"));

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.FAILED);
        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
        assertThat(simulator.passState("pass-1")).as("a forged answer changes nothing").isEqualTo(PassState.ABSENT);
    }

    @Test
    void shouldNotTrustAGenuinelySignedSuccessWithAStaleResponseTime() throws Exception {
        simulator.faults().update(faults -> faults.withForgery(1.0, ForgeKind.STALE_TIME));

        Exchange exchange = ClientSetup.of(simulator).call(update("pass-1", "USED"));

        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
    }

    @Test
    void shouldCallASignatureWithTheWrongKeyMisconfigured() throws Exception {
        CallOutcome outcome = ClientSetup.of(simulator)
                .keys(SignatureAlgorithm.RSA256, STRANGER_RSA.getPrivate(), Optional.of(SIMULATOR_RSA.getPublic()))
                .call(update("pass-1", "UPDATE")).outcome();

        assertThat(outcome).isInstanceOf(CallOutcome.Misconfigured.class);
        assertThat(outcome.resultCode()).isEqualTo("INVALID_SIGNATURE");
        assertThat(simulator.allArrivals()).isEmpty();
    }

    @Test
    void shouldNotTrustATamperedAnswer() throws Exception {
        call(update("pass-1", "CLOSED"));
        try (TamperingProxy proxy = new TamperingProxy(simulator.baseUrl(),
                body -> body.replace("\"resultStatus\":\"F\"", "\"resultStatus\":\"S\""))) {
            Exchange exchange = ClientSetup.of(simulator).baseUrl(proxy.baseUrl()).call(update("pass-1", "UPDATE"));

            assertThat(proxy.tampered()).as("the proxy changed the answer").isTrue();
            assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Unknown.class);
            assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
        }
    }

    @Test
    void shouldNotTrustAnUnsignedAnswer() throws Exception {
        simulator.close();
        simulator = Simulator.start(SimulatorOptions.builder().clientId(CLIENT_ID)
                .clientPublicKey(CLIENT_RSA.getPublic())
                .build());

        CallOutcome outcome = call(update("pass-1", "UPDATE"));

        assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(outcome.resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
    }

    @Test
    void shouldNotTrustAnAnswerThatDoesNotVerifyWithTheConfiguredKey() throws Exception {
        CallOutcome outcome = ClientSetup.of(simulator)
                .keys(SignatureAlgorithm.RSA256, CLIENT_RSA.getPrivate(), Optional.of(STRANGER_RSA.getPublic()))
                .call(update("pass-1", "UPDATE")).outcome();

        assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(outcome.resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
    }

    @Test
    void shouldCallAnUnknownResultUnknown() throws Exception {
        simulator.faults().uRate(1.0);

        CallOutcome outcome = call(update("pass-1", "UPDATE"));

        assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(outcome.resultCode()).isEqualTo("UNKNOWN_EXCEPTION");
    }

    @Test
    void shouldCallAServerErrorUnknown() throws Exception {
        simulator.faults().http5xxRate(1.0);

        CallOutcome outcome = call(update("pass-1", "UPDATE"));

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unknown.class,
                unknown -> assertThat(unknown.httpStatus()).isIn(500, 503));
        assertThat(outcome.resultCode()).isIn("HTTP_500", "HTTP_503");
    }

    @Test
    void shouldCallAnOutageUnknown() throws Exception {
        simulator.faults().outageUntilCleared();

        CallOutcome outcome = call(update("pass-1", "UPDATE"));

        assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(outcome.resultCode()).isEqualTo("HTTP_503");
    }

    @Test
    void shouldCallRateLimitingUnknown() throws Exception {
        simulator.faults().rateLimitRate(1.0);

        CallOutcome outcome = call(update("pass-1", "UPDATE"));

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unknown.class,
                unknown -> assertThat(unknown.httpStatus()).isEqualTo(429));
        assertThat(outcome.resultCode()).isEqualTo("REQUEST_TRAFFIC_EXCEED_LIMIT");
    }

    @Test
    void shouldCallAnAnswerThatNeverComesATimeout() throws Exception {
        simulator.faults().timeoutRate(1.0);

        CallOutcome outcome = ClientSetup.of(simulator).timeout(Duration.ofMillis(500))
                .call(update("pass-1", "UPDATE")).outcome();

        assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(outcome.resultCode()).isEqualTo("TIMEOUT");
    }

    @Test
    void shouldCallARefusedConnectionUnknown() throws Exception {
        URI nobodyListening;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListening = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        CallOutcome outcome = ClientSetup.of(simulator).baseUrl(nobodyListening)
                .call(update("pass-1", "UPDATE")).outcome();

        assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(outcome.resultCode()).isEqualTo("CONNECTION_ERROR");
    }

    @Test
    void shouldRoundTripAnEncryptedCall() throws Exception {
        ObjectNode update = update("pass-1", "UPDATE");

        Exchange exchange = ClientSetup.of(simulator).encryption(Encryption.RSA_AES).call(update);

        assertThat(exchange.request().orElseThrow().headers()).containsKey("Encrypt");
        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Success.class);
        ReceivedResponse response = exchange.response().orElseThrow();
        assertThat(response.trust()).isEqualTo(ResponseTrust.VERIFIED);
        assertThat(response.decryptedBody()).hasValueSatisfying(body -> assertThat(body).contains("SUCCESS"));
        assertThat(simulator.arrivals("pass-1")).singleElement().extracting(Arrival::update).isEqualTo(update);
    }

    @Test
    void shouldRoundTripWithEcc224() throws Exception {
        KeyPair clientEc = PemKeys.generate(SignatureAlgorithm.ECC224);
        KeyPair simulatorEc = PemKeys.generate(SignatureAlgorithm.ECC224);
        simulator.close();
        simulator = Simulator.start(SimulatorOptions.builder().clientId(CLIENT_ID)
                .signatureAlgorithm(SignatureAlgorithm.ECC224)
                .clientPublicKey(clientEc.getPublic()).privateKey(simulatorEc.getPrivate()).build());

        Exchange exchange = ClientSetup.of(simulator)
                .keys(SignatureAlgorithm.ECC224, clientEc.getPrivate(), Optional.of(simulatorEc.getPublic()))
                .call(update("pass-1", "USED"));

        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Success.class);
        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
        assertThat(exchange.request().orElseThrow().headers().get("Signature")).startsWith("algorithm=ECC224");
    }

    /** A real HTTP hop that forwards to the simulator and rewrites the answer body on the way back. */
    private static final class TamperingProxy implements AutoCloseable {
        private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
                "upgrade", "transfer-encoding", "date", "http2-settings");
        private final HttpServer server;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private volatile boolean tampered;

        TamperingProxy(URI target, UnaryOperator<String> rewrite) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> forward(exchange, target, rewrite));
            server.start();
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        boolean tampered() {
            return tampered;
        }

        private void forward(HttpExchange exchange, URI target, UnaryOperator<String> rewrite) throws IOException {
            try (exchange) {
                HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getPath()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String body = rewrite.apply(response.body());
                tampered = tampered || !body.equals(response.body());
                response.headers().map().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(response.statusCode(), bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

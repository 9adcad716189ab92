package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.alipay.ClientFixture.CLIENT_ID;
import static passrelay.alipay.ClientFixture.HONG_KONG_CLOCK;
import static passrelay.alipay.ClientFixture.resultBody;
import static passrelay.alipay.ClientFixture.settings;
import static passrelay.alipay.ClientFixture.signedReply;
import static passrelay.alipay.ClientFixture.update;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpUpdatePassClientTest {
    private static PrivateKey ourKey;
    private static KeyPair alipay;

    @BeforeAll
    static void loadKeys() {
        ourKey = PemKeys.readPrivateKey(JdkPem.vector("test-rsa-key.pem"), SignatureAlgorithm.RSA256);
        alipay = PemKeys.generate(SignatureAlgorithm.RSA256);
    }

    private static Exchange call(URI baseUrl, Optional<KeyPair> alipayKeys, Encryption encryption, Duration timeout)
            throws Exception {
        try (HttpUpdatePassClient client = new HttpUpdatePassClient(settings(baseUrl, encryption, timeout),
                HONG_KONG_CLOCK, ourKey, alipayKeys.map(KeyPair::getPublic))) {
            return client.exchange(update()).get(20, TimeUnit.SECONDS);
        }
    }

    private static Exchange call(LocalHttpServer server, Optional<KeyPair> alipayKeys) throws Exception {
        return call(server.baseUrl(), alipayKeys, Encryption.NONE, Duration.ofSeconds(5));
    }

    @Test
    void shouldSendARequestThatThePlainJdkVerifies() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(200, Map.of(),
                resultBody("S", "SUCCESS")))) {
            call(server, Optional.empty());
            LocalHttpServer.Received request = server.nextRequest();

            String signatureHeader = request.headers().getFirst("Signature");
            assertThat(signatureHeader).startsWith("algorithm=RSA256,keyVersion=1,signature=");
            String base64 = URLDecoder.decode(signatureHeader.substring(signatureHeader.indexOf("signature=") + 10),
                    StandardCharsets.UTF_8);
            String content = "POST " + request.path() + "\n" + request.headers().getFirst("Client-Id") + "."
                    + request.headers().getFirst("Request-Time") + "." + new String(request.body(), StandardCharsets.UTF_8);
            Signature jdk = Signature.getInstance("SHA256withRSA");
            jdk.initVerify(JdkPem.rsaPublicKey(JdkPem.vector("test-rsa-pub.pem")));
            jdk.update(content.getBytes(StandardCharsets.UTF_8));
            assertThat(jdk.verify(Base64.getDecoder().decode(base64))).isTrue();
        }
    }

    @Test
    void shouldSendTheSpecifiedHeadersAndTheBodyUnchanged() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(200, Map.of(),
                resultBody("S", "SUCCESS")))) {
            Exchange exchange = call(server, Optional.empty());
            LocalHttpServer.Received request = server.nextRequest();

            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo(UpdatePassClient.PATH);
            assertThat(request.headers().getFirst("Client-Id")).isEqualTo(CLIENT_ID);
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json; charset=UTF-8");
            assertThat(request.headers().getFirst("Request-Time")).isEqualTo("2026-11-25T18:15:30.123+08:00");
            assertThat(request.headers().containsKey("Encrypt")).isFalse();
            assertThat(ClientFixture.JSON.readTree(request.body())).isEqualTo(update());
            assertThat(exchange.request().orElseThrow().headers().keySet())
                    .containsExactly("Client-Id", "Content-Type", "Request-Time", "Signature");
            assertThat(exchange.request().orElseThrow().body()).isEqualTo(request.body());
        }
    }

    @Test
    void shouldReportSuccessWithTheTracerIdFromAVerifiedResponse() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request ->
                signedReply(alipay, resultBody("S", "SUCCESS"), Map.of("Tracer-Id", "tracer-42")))) {
            Exchange exchange = call(server, Optional.of(alipay));

            assertThat(exchange.outcome()).isEqualTo(new CallOutcome.Success("SUCCESS", "success", Optional.of("tracer-42"), 200));
            assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
        }
    }

    @Test
    void shouldTreatAnUnsignedResponseAsUntrustedWhenVerifying() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(200,
                Map.of("Response-Time", ClientFixture.RESPONSE_TIME), resultBody("S", "SUCCESS")))) {
            Exchange exchange = call(server, Optional.of(alipay));

            assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Unknown.class);
            assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
            assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.FAILED);
        }
    }

    @Test
    void shouldTreatAResponseWithOneChangedByteAsUntrusted() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> {
            LocalHttpServer.Reply signed = signedReply(alipay, resultBody("F", "PARAM_ILLEGAL"), Map.of());
            return new LocalHttpServer.Reply(200, signed.headers(), resultBody("S", "SUCCESS"));
        })) {
            Exchange exchange = call(server, Optional.of(alipay));

            assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
            assertThat(exchange.outcome().resultMessage()).isEqualTo("response signature does not verify");
        }
    }

    @Test
    void shouldUseAnUnverifiedResponseWhenNoAlipayKeyIsConfigured() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(200, Map.of(),
                resultBody("F", "PASS_HAS_NOT_EXIST")))) {
            Exchange exchange = call(server, Optional.empty());

            assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Rejected.class);
            assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.NOT_CHECKED);
        }
    }

    @Test
    void shouldEncryptThenSignAndOpenAnEncryptedResponse() throws Exception {
        KeyPair ours = new KeyPair(PemKeys.readPublicKey(JdkPem.vector("test-rsa-pub.pem"), SignatureAlgorithm.RSA256), ourKey);
        AtomicReference<byte[]> decryptedRequest = new AtomicReference<>();
        try (LocalHttpServer server = LocalHttpServer.start(request -> {
            decryptedRequest.set(RsaAesEnvelope.open(new String(request.body(), StandardCharsets.UTF_8),
                    request.headers().getFirst("Encrypt"), alipay.getPrivate()));
            RsaAesEnvelope.Sealed sealed = RsaAesEnvelope.seal(resultBody("S", "SUCCESS"), ours.getPublic());
            return signedReply(alipay, sealed.body().getBytes(StandardCharsets.UTF_8),
                    Map.of("Encrypt", sealed.encryptHeader(Optional.of("1"))));
        })) {
            Exchange exchange = call(server.baseUrl(), Optional.of(alipay), Encryption.RSA_AES, Duration.ofSeconds(5));
            LocalHttpServer.Received request = server.nextRequest();

            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
            assertThat(request.headers().getFirst("Encrypt")).startsWith("algorithm=RSA_AES,keyVersion=1,symmetricKey=");
            byte[] content = SigningContent.of("POST", UpdatePassClient.PATH, CLIENT_ID,
                    request.headers().getFirst("Request-Time"), request.body());
            String signature = SignatureHeader.parse(request.headers().getFirst("Signature")).orElseThrow().signatureBase64();
            assertThat(new MessageVerifier(SignatureAlgorithm.RSA256, ours.getPublic()).verify(content, signature)).isTrue();
            assertThat(ClientFixture.JSON.readTree(decryptedRequest.get())).isEqualTo(update());
            assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Success.class);
            assertThat(exchange.response().orElseThrow().decryptedBody()).hasValue(new String(resultBody("S", "SUCCESS"),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldCallAnEncryptedResponseThatDoesNotOpenUntrusted() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> signedReply(alipay, "bm90IGEgcmVhbCBib2R5".getBytes(
                StandardCharsets.UTF_8), Map.of("Encrypt", "algorithm=RSA_AES,symmetricKey=AAAA")))) {
            Exchange exchange = call(server, Optional.of(alipay));

            assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
            assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
        }
    }

    @Test
    void shouldCallAnUnsignedNotFoundMisconfigured() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(404, Map.of(),
                "no such path".getBytes(StandardCharsets.UTF_8)))) {
            CallOutcome outcome = call(server, Optional.of(alipay)).outcome();

            assertThat(outcome).isInstanceOf(CallOutcome.Misconfigured.class);
            assertThat(outcome.resultCode()).isEqualTo("HTTP_404");
        }
    }

    @Test
    void shouldCallAServerErrorUnknown() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(503, Map.of(), new byte[0]))) {
            CallOutcome outcome = call(server, Optional.empty()).outcome();

            assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
            assertThat(outcome.resultCode()).isEqualTo("HTTP_503");
        }
    }

    @Test
    void shouldTimeOutWhenNoResponseComes() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> null)) {
            Exchange exchange = call(server.baseUrl(), Optional.empty(), Encryption.NONE, Duration.ofMillis(300));

            assertThat(exchange.outcome().resultCode()).isEqualTo("TIMEOUT");
            assertThat(exchange.response()).isEmpty();
        }
    }

    @Test
    void shouldTimeOutWhenTheResponseBodyStalls() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> LocalHttpServer.stalledBody())) {
            Exchange exchange = call(server.baseUrl(), Optional.empty(), Encryption.NONE, Duration.ofMillis(300));

            assertThat(exchange.outcome().resultCode()).isEqualTo("TIMEOUT");
        }
    }

    @Test
    void shouldReportARefusedConnectionAsConnectionError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Exchange exchange = call(URI.create("http://127.0.0.1:" + closedPort), Optional.empty(), Encryption.NONE,
                Duration.ofSeconds(5));

        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(exchange.outcome().resultCode()).isEqualTo("CONNECTION_ERROR");
        assertThat(((CallOutcome.Unknown) exchange.outcome()).error()).hasValueSatisfying(
                error -> assertThat(error).startsWith("ConnectException"));
        assertThat(exchange.request()).isPresent();
    }

    @Test
    void shouldAnswerWithAnOutcomeEvenAfterClose() throws Exception {
        HttpUpdatePassClient client = new HttpUpdatePassClient(settings(URI.create("http://127.0.0.1:9"), Encryption.NONE,
                Duration.ofSeconds(1)), HONG_KONG_CLOCK, ourKey, Optional.empty());
        client.close();

        CallOutcome outcome = client.updatePass(update()).get(5, TimeUnit.SECONDS);

        assertThat(outcome.retryable()).isTrue();
    }
}

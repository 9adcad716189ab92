package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import passrelay.CallCommand;

class CallCommandTest {
    private static final String UPDATE = "{\"userId\":\"2160120037098191\",\"passId\":\"P-1\",\"status\":\"USED\"}";
    private static final String EVENT = "{\"eventId\":\"e-1\",\"update\":" + UPDATE + "}";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private static final KeyPair alipay = PemKeys.generate(SignatureAlgorithm.RSA256);
    private Path alipayPublicKey;

    @BeforeEach
    void writeAlipayKey() throws Exception {
        alipayPublicKey = Files.writeString(dir.resolve("alipay-public.pem"), PemKeys.toPem(alipay.getPublic()));
    }

    private int call(Map<String, String> env, String stdin, String... args) {
        return CallCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private Map<String, String> env(LocalHttpServer server) {
        Map<String, String> env = new HashMap<>();
        env.put("ALIPAYHK_BASE_URL", server.baseUrl().toString());
        env.put("ALIPAYHK_CLIENT_ID", ClientFixture.CLIENT_ID);
        env.put("ALIPAYHK_MERCHANT_ID", "2160120041113167");
        env.put("ALIPAYHK_PRIVATE_KEY_FILE", JdkPem.vector("test-rsa-key.pem").toString());
        return env;
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldExitTwoNamingEveryMissingSetting() {
        int exit = call(Map.of(), EVENT, "-");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ALIPAYHK_CLIENT_ID").contains("ALIPAYHK_PRIVATE_KEY_FILE");
    }

    @Test
    void shouldSayInOneLineThatTheFileDoesNotExist() {
        int exit = call(Map.of(), "", dir.resolve("nonexistent.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("passrelay call: cannot read " + dir.resolve("nonexistent.json") + ": no such file\n");
    }

    @Test
    void shouldSayInOneLineThatAFolderIsNoFile() {
        assertThat(call(Map.of(), "", dir.toString())).isEqualTo(2);
        assertThat(stderr()).isEqualTo("passrelay call: cannot read " + dir + ": it is a directory\n");
    }

    @Test
    void shouldNameTheLineAndColumnOfMalformedJsonWithoutTheParsersSourceDump() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\n  \"eventId\": \"e-1\",\n  \"update\": {,}\n}");

        int exit = call(Map.of(), "", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("passrelay call: " + file + " is not valid JSON at line 3, column 14: ")
                .doesNotContain("Source").doesNotContain("`").hasLineCount(1);
    }

    @Test
    void shouldSayWhenStandardInputIsEmptyOrNotAnObject() {
        assertThat(call(Map.of(), "", "-")).isEqualTo(2);
        assertThat(call(Map.of(), "[1]", "-")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("passrelay call: standard input is empty\n"
                + "passrelay call: standard input is not a JSON object\n");
    }

    @Test
    void shouldExitTwoOnAnInvalidUpdateWithoutCallingAnything() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(200, Map.of(),
                ClientFixture.resultBody("S", "SUCCESS")))) {
            int exit = call(env(server), "{\"eventId\":\"e-1\",\"update\":{\"userId\":\"u\",\"status\":\"USED\"}}", "-");

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("update.passId is required");
            assertThat(server.requestsWaiting()).isZero();
        }
    }

    @Test
    void shouldExitTwoOnAKeyFileThatIsNotAKey() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> null)) {
            Map<String, String> env = env(server);
            env.put("ALIPAYHK_PRIVATE_KEY_FILE", Files.writeString(dir.resolve("junk.pem"), "junk").toString());

            assertThat(call(env, EVENT, "-")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("junk.pem");
        }
    }

    @Test
    void shouldSendAnEventFileAndShowAVerifiedSuccess() throws Exception {
        Path file = Files.writeString(dir.resolve("event.json"), EVENT);
        try (LocalHttpServer server = LocalHttpServer.start(request -> ClientFixture.ReplySigning.rsa256(alipay)
                .answeredAt(OffsetDateTime.now().toString()) // the command's clock is the real one
                .reply(ClientFixture.resultBody("S", "SUCCESS"), Map.of("Tracer-Id", "tracer-7")))) {
            Map<String, String> env = env(server);
            env.put("ALIPAYHK_PUBLIC_KEY_FILE", alipayPublicKey.toString());

            int exit = call(env, "", file.toString());

            assertThat(exit).isZero();
            assertThat(ClientFixture.JSON.readTree(server.nextRequest().body()).get("merchantId").textValue())
                    .isEqualTo("2160120041113167");
            assertThat(stdout()).containsPattern("> Signature: algorithm=RSA256,signature=[^,]{12}\\.\\.\\.\n")
                    .contains("> POST " + server.baseUrl() + UpdatePassClient.PATH)
                    .contains("< HTTP 200")
                    .contains("tracer-7")
                    .contains("verification: verified")
                    .contains("class: S SUCCESS");
        }
    }

    @Test
    void shouldShowAnUncheckedFinalRejectionAndExitOne() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(200, Map.of(),
                ClientFixture.resultBody("F", "PASS_HAS_NOT_EXIST")))) {
            int exit = call(env(server), UPDATE, "-");

            assertThat(exit).isEqualTo(1);
            assertThat(stdout()).contains("verification: not checked (no ALIPAYHK_PUBLIC_KEY_FILE)")
                    .contains("class: F PASS_HAS_NOT_EXIST");
        }
    }

    @Test
    void shouldShowAnOurFaultRejectionAndAFailedVerification() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(200, Map.of(),
                ClientFixture.resultBody("F", "INVALID_SIGNATURE")))) {
            Map<String, String> env = env(server);
            env.put("ALIPAYHK_PUBLIC_KEY_FILE", alipayPublicKey.toString());

            int exit = call(env, UPDATE, "-");

            assertThat(exit).isEqualTo(1);
            assertThat(stdout()).contains("verification: FAILED (response has no Signature header)")
                    .contains("class: U UNTRUSTED_RESPONSE");
        }
        out.reset();
        try (LocalHttpServer server = LocalHttpServer.start(request -> new LocalHttpServer.Reply(200, Map.of(),
                ClientFixture.resultBody("F", "INVALID_SIGNATURE")))) {
            assertThat(call(env(server), UPDATE, "-")).isEqualTo(1);
            assertThat(stdout()).contains("class: our-fault F INVALID_SIGNATURE");
        }
    }

    @Test
    void shouldExitTwoOnBadArgumentsAndDocumentItself() {
        assertThat(call(Map.of(), "")).isEqualTo(2);
        assertThat(call(Map.of(), "", "--bogus", "x")).isEqualTo(2);
        assertThat(call(Map.of(), "", "--help")).isZero();
        assertThat(stdout()).contains("usage: passrelay call [--config FILE] FILE|-");
    }
}

package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our signing against vectors computed independently with openssl (src/test/resources/vectors). */
class KnownAnswerVectorsTest {
    private static final PrivateKey TEST_KEY =
            PemKeys.readPrivateKey(JdkPem.vector("test-rsa-key.pem"), SignatureAlgorithm.RSA256);

    static Stream<JsonNode> vectors() throws IOException {
        try (InputStream in = KnownAnswerVectorsTest.class.getResourceAsStream("/vectors/rsa256-vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return StreamSupport.stream(root.get("vectors").spliterator(), false);
        }
    }

    private static byte[] content(JsonNode vector) {
        return SigningContent.of("POST", vector.get("path").textValue(), vector.get("clientId").textValue(),
                vector.get("requestTime").textValue(), vector.get("body").textValue().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldBuildTheContentToSignByteForByte(JsonNode vector) {
        assertThat(content(vector)).isEqualTo(vector.get("contentToSign").textValue().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldProduceExactlyTheOpensslSignature(JsonNode vector) {
        String signature = new MessageSigner(SignatureAlgorithm.RSA256, TEST_KEY).sign(content(vector));

        assertThat(signature).isEqualTo(vector.get("signatureBase64").textValue());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldFormatTheSignatureHeaderExactly(JsonNode vector) {
        SignatureHeader header = new SignatureHeader("RSA256", Optional.of("1"), vector.get("signatureBase64").textValue());

        assertThat(header.format()).isEqualTo(vector.get("signatureHeader").textValue());
        assertThat(SignatureHeader.parse(header.format())).hasValue(header);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldVerifyWithThePlainJdkAndAKeyTheJdkLoadedItself(JsonNode vector) throws Exception {
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify(JdkPem.rsaPublicKey(JdkPem.vector("test-rsa-pub.pem")));
        jdk.update(vector.get("contentToSign").textValue().getBytes(StandardCharsets.UTF_8));

        assertThat(jdk.verify(Base64.getDecoder().decode(vector.get("signatureBase64").textValue()))).isTrue();
    }

    @Test
    void shouldAgreeWithTheJdkWhenItSignsWithItsOwnKeyObject() throws Exception {
        JsonNode vector = vectors().findFirst().orElseThrow();
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(JdkPem.rsaPrivateKey(JdkPem.vector("test-rsa-key.pem")));
        jdk.update(content(vector));

        assertThat(Base64.getEncoder().encodeToString(jdk.sign())).isEqualTo(vector.get("signatureBase64").textValue());
    }

    @Test
    void shouldUrlEncodePlusSlashAndEquals() {
        String header = new SignatureHeader("RSA256", Optional.empty(), "ab+cd/ef==").format();

        assertThat(header).isEqualTo("algorithm=RSA256,signature=ab%2Bcd%2Fef%3D%3D");
        assertThat(SignatureHeader.parse(header).orElseThrow().signatureBase64()).isEqualTo("ab+cd/ef==");
    }

    @Test
    void shouldSignTheUtf8BytesOfANonAsciiBody() throws IOException {
        JsonNode vector = vectors().filter(v -> !StandardCharsets.US_ASCII.newEncoder().canEncode(v.get("body").textValue()))
                .findFirst().orElseThrow();
        String body = vector.get("body").textValue();
        byte[] latin1Body = body.getBytes(StandardCharsets.ISO_8859_1);
        byte[] latin1Content = SigningContent.of("POST", vector.get("path").textValue(),
                vector.get("clientId").textValue(), vector.get("requestTime").textValue(), latin1Body);
        MessageSigner signer = new MessageSigner(SignatureAlgorithm.RSA256, TEST_KEY);

        assertThat(body).contains("電影票 café");
        assertThat(signer.sign(content(vector))).isEqualTo(vector.get("signatureBase64").textValue());
        assertThat(signer.sign(latin1Content)).isNotEqualTo(vector.get("signatureBase64").textValue());
    }
}

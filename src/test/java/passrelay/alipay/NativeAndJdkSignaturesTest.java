package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Native (AWS-LC) and JDK signatures are interchangeable: RSA PKCS#1 v1.5 is deterministic, so both give the
 * openssl vectors byte for byte; and whatever one signs, the other verifies, for both algorithms.
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
class NativeAndJdkSignaturesTest {
    private static final PrivateKey VECTOR_KEY =
            PemKeys.readPrivateKey(JdkPem.vector("test-rsa-key.pem"), SignatureAlgorithm.RSA256);
    private static final PublicKey VECTOR_PUBLIC_KEY =
            PemKeys.readPublicKey(JdkPem.vector("test-rsa-pub.pem"), SignatureAlgorithm.RSA256);
    private static final byte[] CONTENT = SigningContent.of("POST", UpdatePassClient.PATH, "client",
            "2026-11-25T18:15:30.456+08:00", "{\"result\":{\"resultStatus\":\"S\"}}".getBytes(StandardCharsets.UTF_8));
    private static CryptoChoice nativeCrypto;

    @BeforeAll
    static void nativeMustBeHere() {
        nativeCrypto = CryptoChoice.decide(CryptoPreference.NATIVE);
    }

    static Stream<JsonNode> vectors() throws Exception {
        return KnownAnswerVectorsTest.vectors();
    }

    private static byte[] content(JsonNode vector) {
        return vector.get("contentToSign").textValue().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void bothSignersShouldProduceExactlyTheOpensslSignature(JsonNode vector) {
        String expected = vector.get("signatureBase64").textValue();

        assertThat(new MessageSigner(SignatureAlgorithm.RSA256, VECTOR_KEY, nativeCrypto).sign(content(vector)))
                .isEqualTo(expected);
        assertThat(new MessageSigner(SignatureAlgorithm.RSA256, VECTOR_KEY, CryptoChoice.jdk()).sign(content(vector)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void bothVerifiersShouldAcceptTheOpensslSignature(JsonNode vector) {
        String signature = vector.get("signatureBase64").textValue();

        assertThat(new MessageVerifier(SignatureAlgorithm.RSA256, VECTOR_PUBLIC_KEY, nativeCrypto)
                .verify(content(vector), signature)).isTrue();
        assertThat(new MessageVerifier(SignatureAlgorithm.RSA256, VECTOR_PUBLIC_KEY, CryptoChoice.jdk())
                .verify(content(vector), signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void theJdkShouldVerifyWhatNativeSigns(SignatureAlgorithm algorithm) {
        KeyPair pair = PemKeys.generate(algorithm);

        String signature = new MessageSigner(algorithm, pair.getPrivate(), nativeCrypto).sign(CONTENT);

        assertThat(new MessageVerifier(algorithm, pair.getPublic(), CryptoChoice.jdk()).verify(CONTENT, signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void nativeShouldVerifyWhatTheJdkSigns(SignatureAlgorithm algorithm) {
        KeyPair pair = PemKeys.generate(algorithm);

        String signature = new MessageSigner(algorithm, pair.getPrivate(), CryptoChoice.jdk()).sign(CONTENT);

        assertThat(new MessageVerifier(algorithm, pair.getPublic(), nativeCrypto).verify(CONTENT, signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void nativeShouldRefuseAChangedByteAWrongKeyAndGarbage(SignatureAlgorithm algorithm) {
        KeyPair pair = PemKeys.generate(algorithm);
        String signature = new MessageSigner(algorithm, pair.getPrivate(), CryptoChoice.jdk()).sign(CONTENT);
        byte[] changed = CONTENT.clone();
        changed[changed.length - 3] ^= 1;
        MessageVerifier verifier = new MessageVerifier(algorithm, pair.getPublic(), nativeCrypto);

        assertThat(verifier.verify(changed, signature)).isFalse();
        assertThat(new MessageVerifier(algorithm, PemKeys.generate(algorithm).getPublic(), nativeCrypto)
                .verify(CONTENT, signature)).isFalse();
        assertThat(verifier.verify(CONTENT, "AAAA")).isFalse();
        assertThat(verifier.verify(CONTENT, "")).isFalse();
        assertThat(verifier.verify(CONTENT, "not base64!")).isFalse();
    }

    @Test
    void nativeShouldRefuseASignatureOfTheOtherAlgorithm() {
        KeyPair rsa = PemKeys.generate(SignatureAlgorithm.RSA256);
        KeyPair ec = PemKeys.generate(SignatureAlgorithm.ECC224);
        String ecSignature = new MessageSigner(SignatureAlgorithm.ECC224, ec.getPrivate(), nativeCrypto).sign(CONTENT);

        assertThat(new MessageVerifier(SignatureAlgorithm.RSA256, rsa.getPublic(), nativeCrypto)
                .verify(CONTENT, ecSignature)).isFalse();
        assertThat(new MessageVerifier(SignatureAlgorithm.ECC224, rsa.getPublic(), nativeCrypto)
                .verify(CONTENT, ecSignature)).isFalse();
    }
}

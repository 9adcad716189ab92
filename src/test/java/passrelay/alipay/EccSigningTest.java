package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EccSigningTest {
    private static final byte[] CONTENT = SigningContent.of("POST", UpdatePassClient.PATH, "client", "2026-11-25T18:15:30.123+08:00",
            "{\"passId\":\"P-1\",\"status\":\"USED\"}".getBytes(StandardCharsets.UTF_8));
    private final KeyPair pair = PemKeys.generate(SignatureAlgorithm.ECC224);

    @Test
    void shouldUseNistP224() {
        assertThat(((ECPublicKey) pair.getPublic()).getParams().getCurve().getField().getFieldSize()).isEqualTo(224);
    }

    @Test
    void shouldVerifyWhatItSignedAsDer() {
        String signature = new MessageSigner(SignatureAlgorithm.ECC224, pair.getPrivate()).sign(CONTENT);

        assertThat(Base64.getDecoder().decode(signature)[0]).isEqualTo((byte) 0x30); // DER SEQUENCE
        assertThat(new MessageVerifier(SignatureAlgorithm.ECC224, pair.getPublic()).verify(CONTENT, signature)).isTrue();
    }

    @Test
    void shouldRejectOneChangedContentByte() {
        String signature = new MessageSigner(SignatureAlgorithm.ECC224, pair.getPrivate()).sign(CONTENT);
        byte[] tampered = CONTENT.clone();
        tampered[tampered.length - 3] ^= 1;

        assertThat(new MessageVerifier(SignatureAlgorithm.ECC224, pair.getPublic()).verify(tampered, signature)).isFalse();
    }

    @Test
    void shouldRejectAnotherKeysSignatureAndGarbage() {
        String signature = new MessageSigner(SignatureAlgorithm.ECC224, PemKeys.generate(SignatureAlgorithm.ECC224)
                .getPrivate()).sign(CONTENT);
        MessageVerifier verifier = new MessageVerifier(SignatureAlgorithm.ECC224, pair.getPublic());

        assertThat(verifier.verify(CONTENT, signature)).isFalse();
        assertThat(verifier.verify(CONTENT, "not base64!")).isFalse();
    }

    @Test
    void shouldReadBackThePemItWrote(@TempDir Path dir) throws Exception {
        Path privateFile = Files.writeString(dir.resolve("ec-private.pem"), PemKeys.toPem(pair.getPrivate()));
        Path publicFile = Files.writeString(dir.resolve("ec-public.pem"), PemKeys.toPem(pair.getPublic()));

        String signature = new MessageSigner(SignatureAlgorithm.ECC224,
                PemKeys.readPrivateKey(privateFile, SignatureAlgorithm.ECC224)).sign(CONTENT);

        assertThat(new MessageVerifier(SignatureAlgorithm.ECC224,
                PemKeys.readPublicKey(publicFile, SignatureAlgorithm.ECC224)).verify(CONTENT, signature)).isTrue();
    }
}

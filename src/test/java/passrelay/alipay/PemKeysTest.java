package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeysTest {
    @TempDir
    Path dir;

    /** Reads the file as an RSA256 private key and returns the message of the failure it must cause. */
    private static String privateKeyFailure(Path file) {
        KeyFileException failure = catchThrowableOfType(KeyFileException.class,
                () -> PemKeys.readPrivateKey(file, SignatureAlgorithm.RSA256));
        assertThat(failure).as("reading %s", file).isNotNull();
        assertThat(failure.getMessage()).contains(file.toString());
        return failure.getMessage();
    }

    /** No line of the file's Base64 appears in the message, nor any 16-character stretch of it. */
    private static void assertNoKeyMaterial(String message, Path file) throws IOException {
        String base64 = Arrays.stream(Files.readString(file).split("\n"))
                .filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        for (int i = 0; i + 16 <= base64.length(); i += 8) {
            assertThat(message).doesNotContain(base64.substring(i, i + 16));
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void shouldNameAMissingFile() {
        assertThat(privateKeyFailure(dir.resolve("absent.pem"))).contains("cannot read");
    }

    @Test
    void shouldRejectGarbage() throws IOException {
        assertThat(privateKeyFailure(write("garbage.pem", "this is not a key\n"))).contains("no PEM object");
        Path brokenArmor = write("broken.pem", "-----BEGIN PRIVATE KEY-----\nnot*base64*at*all\n-----END PRIVATE KEY-----\n");
        assertThat(privateKeyFailure(brokenArmor)).contains(brokenArmor.toString());
    }

    @Test
    void shouldExplainHowToConvertAPkcs1Key() throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(PemKeys.generate(SignatureAlgorithm.RSA256).getPrivate());
        }
        Path file = write("pkcs1.pem", pem.toString());
        assertThat(pem.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        String message = privateKeyFailure(file);

        assertThat(message).contains("PKCS#8").contains("openssl pkcs8 -topk8");
        assertNoKeyMaterial(message, file);
    }

    @Test
    void shouldRejectAPublicKeyGivenAsPrivate() throws IOException {
        Path file = write("public.pem", PemKeys.toPem(PemKeys.generate(SignatureAlgorithm.RSA256).getPublic()));

        String message = privateKeyFailure(file);

        assertThat(message).contains("expected a PKCS#8 private key");
        assertNoKeyMaterial(message, file);
    }

    @Test
    void shouldRejectAnEcKeyForRsa256() throws IOException {
        Path file = write("ec.pem", PemKeys.toPem(PemKeys.generate(SignatureAlgorithm.ECC224).getPrivate()));

        String message = privateKeyFailure(file);

        assertThat(message).contains("not a RSA256 private key");
        assertNoKeyMaterial(message, file);
    }

    @Test
    void shouldRejectAPrivateKeyGivenAsPublic() throws IOException {
        Path file = write("private.pem", PemKeys.toPem(PemKeys.generate(SignatureAlgorithm.RSA256).getPrivate()));
        Function<Path, KeyFileException> read = path -> catchThrowableOfType(KeyFileException.class,
                () -> PemKeys.readPublicKey(path, SignatureAlgorithm.RSA256));

        KeyFileException failure = read.apply(file);

        assertThat(failure.getMessage()).contains(file.toString()).contains("expected an X.509 public key");
        assertNoKeyMaterial(failure.getMessage(), file);
    }

    @Test
    void shouldTellAnRsaPublicKeyFromAnEcOneByWhatTheFileHolds() throws IOException {
        Path rsa = write("rsa-public.pem", PemKeys.toPem(PemKeys.generate(SignatureAlgorithm.RSA256).getPublic()));
        Path ec = write("ec-public.pem", PemKeys.toPem(PemKeys.generate(SignatureAlgorithm.ECC224).getPublic()));

        assertThat(SignatureAlgorithm.forKey(PemKeys.readPublicKey(rsa))).hasValue(SignatureAlgorithm.RSA256);
        assertThat(SignatureAlgorithm.forKey(PemKeys.readPublicKey(ec))).hasValue(SignatureAlgorithm.ECC224);
    }

    @Test
    void shouldRejectAPublicKeyThatIsNeitherRsaNorEc() throws Exception {
        java.security.KeyPairGenerator ed25519 = java.security.KeyPairGenerator.getInstance("Ed25519");
        Path file = write("ed25519.pem", PemKeys.toPem(ed25519.generateKeyPair().getPublic()));

        KeyFileException failure = catchThrowableOfType(KeyFileException.class, () -> PemKeys.readPublicKey(file));

        assertThat(failure.getMessage()).contains(file.toString()).contains("neither an RSA nor an EC public key");
        assertNoKeyMaterial(failure.getMessage(), file);
    }
}

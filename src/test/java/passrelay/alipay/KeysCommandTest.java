package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import passrelay.KeysCommand;

class KeysCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int keys(String... args) {
        return KeysCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void shouldWriteAKeyPairThatSignsAndVerifies(SignatureAlgorithm algorithm) throws Exception {
        int exit = keys("--algorithm", algorithm.name().toLowerCase(), "--out", dir.toString(), "--name", "local");
        Path privateFile = dir.resolve("local-private.pem");
        Path publicFile = dir.resolve("local-public.pem");
        byte[] content = "POST /x\nc.t.{}".getBytes(StandardCharsets.UTF_8);

        String signature = new MessageSigner(algorithm, PemKeys.readPrivateKey(privateFile, algorithm)).sign(content);

        assertThat(exit).isZero();
        assertThat(new MessageVerifier(algorithm, PemKeys.readPublicKey(publicFile, algorithm)).verify(content, signature))
                .isTrue();
        assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(publicFile)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(privateFile.toString()).contains(publicFile.toString());
    }

    @Test
    void shouldMakeThePrivateKeyReadableByItsOwnerOnly() throws Exception {
        keys("--out", dir.toString());

        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("passrelay-private.pem"))))
                    .isEqualTo("rw-------");
        }
        assertThat(dir.resolve("passrelay-public.pem")).exists();
    }

    @Test
    void shouldRefuseToOverwriteAnExistingFile() throws Exception {
        Path existing = Files.writeString(dir.resolve("passrelay-public.pem"), "keep me");

        int exit = keys("--out", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(dir.resolve("passrelay-private.pem")).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--algorithm DSA", "--bogus", "--out", "--name a/b", "stray"})
    void shouldExitTwoOnBadArguments(String args) {
        assertThat(keys(args.split(" "))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: passrelay keys");
    }

    @Test
    void shouldDocumentItselfOnHelp() {
        assertThat(keys("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--algorithm RSA256|ECC224").contains("0600");
    }
}

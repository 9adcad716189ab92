package passrelay.simulator;

import passrelay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static passrelay.simulator.Updates.update;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import passrelay.SimulatorCommand;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;

class SimulatorCommandTest {
    private static final Pattern LISTENING = Pattern.compile("^listening on (http://127\\.0\\.0\\.1:(\\d+))$",
            Pattern.MULTILINE);

    /** The command running on its own thread, as the JVM's main thread would run it. */
    private static final class Running {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        final Thread thread;

        Running(String... args) {
            thread = new Thread(() -> exitCode.set(SimulatorCommand.run(args, new PrintStream(out, true),
                    new PrintStream(err, true))), "simulator-command");
            thread.start();
        }

        String output() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        URI awaitListening() {
            Await.until(Duration.ofSeconds(10), "the listening line is printed or the command ends",
                    () -> LISTENING.matcher(output()).find() || !thread.isAlive());
            Matcher matcher = LISTENING.matcher(output());
            assertThat(matcher.find()).as("listening line; stderr: %s", err.toString(StandardCharsets.UTF_8)).isTrue();
            return URI.create(matcher.group(1));
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10).toMillis());
            assertThat(thread.isAlive()).as("the command stopped").isFalse();
            return exitCode.get();
        }
    }

    private static int runToEnd(ByteArrayOutputStream err, String... args) {
        return SimulatorCommand.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
    }

    @Test
    void shouldPrintTheListeningLineThenServeUntilStopped() throws Exception {
        Running command = new Running("--port", "0", "--client-id", Simulators.CLIENT_ID);
        URI baseUrl = command.awaitListening();

        RawResponse response = new RawRequest(baseUrl, Simulators.CLIENT_ID, SignatureAlgorithm.RSA256, null,
                update("pass-1", "UPDATE").toString()).send();
        int exitCode = command.stop();

        assertThat(response.resultStatus()).isEqualTo("S");
        assertThat(response.header("Signature")).as("no --private-key: unsigned").isEmpty();
        assertThat(exitCode).isZero();
        assertThatThrownBy(() -> new RawRequest(baseUrl, Simulators.CLIENT_ID, SignatureAlgorithm.RSA256, null, "{}")
                .send()).as("the port is closed").isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void shouldVerifyAndSignWithKeyFilesAndApplyFaultFlags(@TempDir Path keys) throws Exception {
        Path clientPublic = Files.writeString(keys.resolve("client-public.pem"),
                PemKeys.toPem(TestKeys.CLIENT_RSA.getPublic()));
        Path simulatorPrivate = Files.writeString(keys.resolve("simulator-private.pem"),
                PemKeys.toPem(TestKeys.SIMULATOR_RSA.getPrivate()));
        Running command = new Running("--client-id", Simulators.CLIENT_ID,
                "--client-public-key", clientPublic.toString(), "--private-key", simulatorPrivate.toString(),
                "--latency-ms", "200", "--u-rate=1", "--strict", "--seed", "7", "--timeout-hold-ms", "1000",
                "--worker-threads", "2");
        URI baseUrl = command.awaitListening();

        RawResponse response = new RawRequest(baseUrl, Simulators.CLIENT_ID, SignatureAlgorithm.RSA256,
                TestKeys.CLIENT_RSA.getPrivate(), update("pass-1", "UPDATE").toString()).send();
        RawResponse tampered = new RawRequest(baseUrl, Simulators.CLIENT_ID, SignatureAlgorithm.RSA256,
                TestKeys.STRANGER_RSA.getPrivate(), update("pass-1", "UPDATE").toString()).send();
        command.stop();

        assertThat(response.resultCode()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(response.elapsedMillis()).isGreaterThanOrEqualTo(200);
        assertThat(response.signatureVerifies(SignatureAlgorithm.RSA256, TestKeys.SIMULATOR_RSA.getPublic(),
                Simulators.CLIENT_ID)).isTrue();
        assertThat(tampered.resultCode()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void shouldExitWithTwoOnAnUnknownFlag() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(runToEnd(err, "--colour", "blue")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--colour");
    }

    @Test
    void shouldExitWithTwoOnARateOutsideZeroToOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(runToEnd(err, "--u-rate", "1.5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--u-rate").contains("1.5");
    }

    @Test
    void shouldExitWithTwoOnAMissingValue() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(runToEnd(err, "--port")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port needs a value");
    }

    @Test
    void shouldExitWithTwoOnAnUnreadableKeyFile(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path missing = dir.resolve("missing.pem");

        assertThat(runToEnd(err, "--client-public-key", missing.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(missing.toString());
    }

    @Test
    void shouldExitWithTwoOnAKeyOfTheWrongKind(@TempDir Path dir) throws Exception {
        Path ecKey = Files.writeString(dir.resolve("ec.pem"), PemKeys.toPem(TestKeys.CLIENT_EC.getPublic()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(runToEnd(err, "--client-public-key", ecKey.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ec.pem");
    }

    @Test
    void shouldPrintUsageForHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = SimulatorCommand.run(new String[] {"--help"}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--client-public-key", "--u-rate", "--strict");
    }
}

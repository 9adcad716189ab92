package passrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import passrelay.demo.LocalAlipay;

/**
 * The shaded jar carries ACCP's native library and its self-tests pass from there: {@code call} signs
 * natively; without the library {@code auto} falls back to the JDK and {@code native} refuses to start.
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
class CryptoJarIT {
    private static final Path JAR = Path.of("target", "passrelay.jar");
    /** ACCP's own switch: skip the library bundled in the jar, as on a platform the jar was not built for. */
    private static final String WITHOUT_BUNDLED_LIBRARY = "-Dcom.amazon.corretto.crypto.provider.useExternalLib=true";
    private static final String EVENT = "{\"eventId\":\"e-1\",\"update\":{\"merchantId\":\"2160120041113167\","
            + "\"userId\":\"2160120037098191\",\"passId\":\"jar-pass\",\"status\":\"USED\"}}";

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run call(LocalAlipay alipay, String crypto, String... jvmOptions) throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), EVENT);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString(), "call", event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(alipay.settings());
        builder.environment().putAll(Map.of("PASSRELAY_CRYPTO", crypto));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void theJarShouldSignNativelyAndBeTrusted() throws Exception {
        try (LocalAlipay alipay = LocalAlipay.start("jar-client", options -> { })) {
            Run run = call(alipay, "auto");

            assertThat(run.output()).contains("signing: native (AWS-LC v", "via ACCP 2.5.0)", "verification: verified");
            assertThat(run.exit()).isZero();
        }
    }

    @Test
    void autoShouldFallBackToTheJdkWithOneLineThatSaysWhy() throws Exception {
        try (LocalAlipay alipay = LocalAlipay.start("jar-client", options -> { })) {
            Run run = call(alipay, "auto", WITHOUT_BUNDLED_LIBRARY);

            assertThat(run.output()).contains("signing: JDK (native unavailable: ", "verification: verified");
            assertThat(run.output().lines().filter(line -> line.contains("signing: "))).hasSize(1);
            assertThat(run.exit()).isZero();
        }
    }

    @Test
    void nativeShouldExitTwoNamingTheSettingWhenTheLibraryIsMissing() throws Exception {
        try (LocalAlipay alipay = LocalAlipay.start("jar-client", options -> { })) {
            Run run = call(alipay, "native", WITHOUT_BUNDLED_LIBRARY);

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.output()).contains("PASSRELAY_CRYPTO=native, but native crypto is unavailable");
            assertThat(alipay.simulator().allArrivals()).isEmpty();
        }
    }
}

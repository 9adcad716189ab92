package passrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import passrelay.ops.LogFormat;

/** Main picks the log format for Logback before the command runs (and so before anything logs). */
class MainLogFormatTest {
    private final String before = System.getProperty(LogFormat.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LogFormat.PROPERTY);
        } else {
            System.setProperty(LogFormat.PROPERTY, before);
        }
    }

    @ParameterizedTest
    @CsvSource({"run, json", "replay, json", "demo, text", "call, text", "simulator, text", "keys, text"})
    void shouldSelectTheCommandsDefaultFormat(String command, String format) {
        assumeTrue(System.getenv(LogFormat.VARIABLE) == null, "PASSRELAY_LOG_FORMAT is set in this environment");
        System.clearProperty(LogFormat.PROPERTY);

        Main.run(new String[] {command, "--help"}, quiet(), quiet());

        assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo(format);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}

package passrelay.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoCommandIT {

    @Test
    void shouldShowEveryKindOfOutcomeAsExpectedAndExitZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = DemoCommand.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(printed).contains("every outcome as expected", "= the published order", "UNKNOWN_RESULT",
                "MALFORMED_EVENT", "PASS_USED_OCCUPIED", "PARAM_ILLEGAL").doesNotContain("UNEXPECTED");
    }
}

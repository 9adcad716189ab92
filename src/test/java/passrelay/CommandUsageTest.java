package passrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command documents itself the same way, and says what is wrong the same way. */
class CommandUsageTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int passrelay(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "replay", "call", "simulator", "demo", "keys"})
    void shouldStartEveryCommandsHelpWithTheSameUsageLineAndExitZero(String command) {
        int exit = passrelay(command, "--help");

        assertThat(exit).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        String firstLine = help.lines().findFirst().orElse("");
        assertThat(firstLine).matches("usage: passrelay " + command + "( \\[.*)?");
        assertThat(help).as("a blank line after the usage line").contains(firstLine + System.lineSeparator()
                + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void shouldListTheCommandsUnderTheSameUsageLine(String help) {
        int exit = passrelay(help);

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: passrelay <command> [options]")
                .contains("  replay ").contains("  call ").contains("  demo ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "replay", "call", "simulator", "demo", "keys"})
    void shouldNameTheCommandAndTheBadArgumentAndExitTwo(String command) {
        int exit = passrelay(command, "--no-such-option");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("passrelay " + command + ": ")
                .contains("'--no-such-option'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "Run"})
    void shouldRefuseAnUnknownCommandWithTheUsage(String command) {
        int exit = passrelay(command);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("passrelay: unknown command '" + command + "'")
                .contains("usage: passrelay <command> [options]");
    }
}

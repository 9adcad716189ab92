package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool check rules} and {@code promtool test rules} on the alerts, where promtool is on the PATH
 * (Debian's prometheus package; .ci/run installs it). Where it is not, the test is reported as skipped, with
 * the reason on standard error too: the alerts' unit tests did not run.
 */
class PromtoolRulesTest {
    static final String MISSING = "promtool is not on the PATH: the alerts' promtool unit tests ("
            + AlertRules.TESTS + ") did NOT run. Install Debian's prometheus package "
            + "(apt-get install --no-install-recommends prometheus; .ci/run does) and run the tests again.";

    @Test
    void everyAlertShouldPassPromtoolsChecksAndItsUnitTests(@TempDir Path dir) throws Exception {
        Optional<Path> promtool = promtool();
        if (promtool.isEmpty()) {
            System.err.println("\n*** " + MISSING + " ***\n");
        }
        assumeTrue(promtool.isPresent(), MISSING);
        Path tests = Files.copy(AlertRules.TESTS, dir.resolve(AlertRules.TESTS.getFileName()));
        JsonNode ruleFiles = Kustomization.read(tests).get(0).path("rule_files");
        assertThat(ruleFiles).as("the tests read one rule file, written here from the PrometheusRule").hasSize(1);
        Path rules = dir.resolve(ruleFiles.get(0).textValue());
        Kustomization.YAML.writeValue(rules.toFile(), AlertRules.read().resource().path("spec"));

        assertThat(run(promtool.get(), "check", "rules", rules.toString())).startsWith("ok");
        assertThat(run(promtool.get(), "test", "rules", tests.toString())).startsWith("ok");
    }

    /** "ok" and the output, or fails with the output. */
    private static String run(Path promtool, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("%s exit code; its output:%n%s", command, output).isZero();
        return "ok\n" + output;
    }

    static Optional<Path> promtool() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable)
                .findFirst();
    }
}

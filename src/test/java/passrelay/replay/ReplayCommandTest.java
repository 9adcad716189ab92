package passrelay.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import passrelay.ReplayCommand;

/** The command's answers that need no broker: help, bad arguments, bad settings. */
class ReplayCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int replay(Map<String, String> env, String... args) {
        return ReplayCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    @Test
    void shouldDocumentItsGroupHeadersFiltersAndExitCodes() {
        assertThat(replay(Map.of(), "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("<PASSRELAY_GROUP_ID>-replay",
                "passrelay.dlt.* headers", "earlier passrelay.replay.of", "--reason UNKNOWN_RESULT|MALFORMED_EVENT",
                "--result-code", "--pass-id", "--since", "--until", "--dry-run", "--limit", "--include-superseded",
                "--config", "Exit status: 0");
    }

    @Test
    void shouldExitTwoNamingTheBadArgument() {
        assertThat(replay(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), "--limit", "-3")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("passrelay replay: --limit must be a whole number from 1 to 2147483647, not '-3'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldExitTwoOnAnUnknownReason() {
        assertThat(replay(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), "--reason", "TIMEOUT")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--reason must be UNKNOWN_RESULT or MALFORMED_EVENT, not 'TIMEOUT'");
    }

    @Test
    void shouldExitTwoWhenTheBrokersAreNotConfigured() {
        assertThat(replay(Map.of("PASSRELAY_GROUP_ID", "g"), "--dry-run")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("KAFKA_BOOTSTRAP_SERVERS: required but not set");
    }

    @Test
    void shouldExitTwoWhenAKafkaClientSettingIsRefused() {
        assertThat(replay(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "KAFKA_MAX_POLL_RECORDS", "many",
                "KAFKA_DEFAULT_API_TIMEOUT_MS", "1000"))).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad KAFKA_* client setting", "max.poll.records");
    }

    @Test
    void shouldExitTwoWhenTheConfigFileCannotBeRead(@TempDir Path dir) {
        assertThat(replay(Map.of(), "--config", dir.resolve("missing.properties").toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.properties: cannot read");
    }

    @Test
    void shouldTakeSettingsFromTheConfigFileUnderTheEnvironment(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("replay.properties"), "PASSRELAY_GROUP_ID=from-file\n");

        assertThat(replay(Map.of(), "--config", config.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("KAFKA_BOOTSTRAP_SERVERS: required but not set")
                .doesNotContain("PASSRELAY_GROUP_ID");
    }
}

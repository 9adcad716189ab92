package passrelay.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import passrelay.event.DeadLetterReason;

class ReplayOptionsTest {

    @Test
    void shouldReadEveryOption() {
        ReplayOptions options = ReplayOptions.parse("--config", "replay.properties", "--reason", "UNKNOWN_RESULT",
                "--result-code", "SYSTEM_ERROR", "--pass-id", "p1", "--since", "2026-11-25T10:00:00Z",
                "--until", "2026-11-25T19:00:00+08:00", "--dry-run", "--limit", "25", "--include-superseded");

        assertThat(options.help()).isFalse();
        assertThat(options.configFile()).contains(Path.of("replay.properties"));
        assertThat(options.reason()).contains(DeadLetterReason.UNKNOWN_RESULT);
        assertThat(options.resultCode()).contains("SYSTEM_ERROR");
        assertThat(options.passId()).contains("p1");
        assertThat(options.since()).contains(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(options.until()).contains(Instant.parse("2026-11-25T11:00:00Z"));
        assertThat(options.dryRun()).isTrue();
        assertThat(options.limit()).hasValue(25);
        assertThat(options.includeSuperseded()).isTrue();
    }

    @Test
    void shouldFilterNothingAndLimitNothingWithoutOptions() {
        ReplayOptions options = ReplayOptions.parse();

        assertThat(options.reason()).isEmpty();
        assertThat(options.resultCode()).isEmpty();
        assertThat(options.passId()).isEmpty();
        assertThat(options.since()).isEmpty();
        assertThat(options.until()).isEmpty();
        assertThat(options.limit()).isEmpty();
        assertThat(options.dryRun()).isFalse();
        assertThat(options.includeSuperseded()).isFalse();
    }

    @Test
    void shouldAnswerHelpEvenAmongBadArguments() {
        assertThat(ReplayOptions.parse("--limit", "x", "--help").help()).isTrue();
        assertThat(ReplayOptions.parse("-h").help()).isTrue();
    }

    @Test
    void shouldNameTheBadArgument() {
        assertRejected("unknown argument '--frobnicate'", "--frobnicate");
        assertRejected("unknown argument 'extra'", "extra");
        assertRejected("--reason must be UNKNOWN_RESULT or MALFORMED_EVENT, not 'unknown_result'", "--reason", "unknown_result");
        assertRejected("--since must be an ISO-8601 instant", "--since", "yesterday");
        assertRejected("--until must be an ISO-8601 instant", "--until", "2026-11-25");
        assertRejected("--limit must be a whole number from 1", "--limit", "0");
        assertRejected("--limit must be a whole number from 1", "--limit", "ten");
        assertRejected("--since must be before --until", "--since", "2026-11-25T10:00:00Z", "--until", "2026-11-25T10:00:00Z");
    }

    @Test
    void shouldRejectAMissingValueOrARepeatedOption() {
        assertRejected("--pass-id needs a value: --pass-id ID", "--pass-id");
        assertRejected("--result-code needs a value: --result-code CODE", "--result-code", "--dry-run");
        assertRejected("--config needs a value: --config FILE", "--config", " ");
        assertRejected("--pass-id is given more than once", "--pass-id", "a", "--pass-id", "b");
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> ReplayOptions.parse(args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}

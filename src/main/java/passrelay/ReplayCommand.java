package passrelay;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import passrelay.config.ConfigException;
import passrelay.config.KafkaSettings;
import passrelay.config.SettingsReader;
import passrelay.replay.ReplayFailure;
import passrelay.replay.ReplayOptions;
import passrelay.replay.ReplayRun;
import passrelay.replay.ReplaySummary;

/** {@code passrelay replay}: republishes dead-lettered records to the input topic (SPEC section 5). */
public final class ReplayCommand {
    static final String USAGE = """
            usage: passrelay replay [--config FILE] [filters] [--dry-run] [--limit N] [--include-superseded]

            Reads the dead-letter topic (PASSRELAY_DLT_TOPIC) from the last position of its own consumer group,
            <PASSRELAY_GROUP_ID>-replay (the beginning when it has none), up to the end offsets taken when it
            starts, and republishes the chosen records to the input topic (PASSRELAY_INPUT_TOPIC): the original
            key, value and headers, without the passrelay.dlt.* headers and any earlier passrelay.replay.of, plus
            passrelay.replay.of=<dlt topic>/<partition>/<offset>. Every record considered, replayed or skipped, is
            committed, and only after all its copies are acknowledged: running it again replays nothing twice
            (a crash may replay the last batch again; it never loses one).

            Filters (all must match):
              --reason UNKNOWN_RESULT|MALFORMED_EVENT   passrelay.dlt.reason
              --result-code CODE                        passrelay.dlt.result.code
              --pass-id ID                              the record key (else the value's update.passId)
              --since INSTANT                           passrelay.dlt.failed.at at or after INSTANT
              --until INSTANT                           passrelay.dlt.failed.at before INSTANT
                                                        (ISO-8601, e.g. 2026-11-25T10:15:30Z or ...+08:00)
            Skipped without a filter:
              superseded: the pass has a final outcome (S or F) on the results topic (PASSRELAY_RESULTS_TOPIC)
                completed after the record's failed.at: replaying it would undo newer state
              unreadable-headers: no readable passrelay.dlt.* headers (not passrelay's dead letter)
            Options:
              --dry-run              list what would be replayed; publish nothing, commit nothing
              --limit N              replay at most N records (in the order polled across partitions); the run
                                     stops there and commits only up to the last record considered, so the next
                                     run goes on from it
              --include-superseded   replay superseded records too (the results topic is not read)
              --config FILE          settings as a properties file, under the environment
              --help                 this text

            Settings: KAFKA_BOOTSTRAP_SERVERS (required), PASSRELAY_GROUP_ID, PASSRELAY_INPUT_TOPIC,
            PASSRELAY_RESULTS_TOPIC, PASSRELAY_DLT_TOPIC, any KAFKA_* client property. Every Kafka wait is
            bounded (30 s unless KAFKA_DEFAULT_API_TIMEOUT_MS, KAFKA_MAX_BLOCK_MS, ... say otherwise).
            Run one replay at a time. Stopping it (Ctrl-C, SIGTERM) is safe: at worst the last batch is
            replayed again by the next run.
            Exit status: 0 done, 1 failed (e.g. broker unreachable, topic missing, a copy not acknowledged),
            2 bad arguments or settings (including a KAFKA_* value the Kafka client refuses).""";

    private ReplayCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("passrelay replay: " + e.getMessage() + " (--help lists the options)");
            return Main.BAD_USAGE;
        }
        if (options.help()) {
            out.println(USAGE);
            return Main.OK;
        }
        KafkaSettings settings;
        try {
            SettingsReader reader = SettingsReader.fromEnvironment(env, options.configFile());
            settings = KafkaSettings.read(reader);
            reader.throwIfProblems();
        } catch (ConfigException e) {
            err.println("passrelay replay: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        try {
            ReplaySummary summary = ReplayRun.run(options, settings, out, Clock.systemUTC());
            summary.print(out);
            return Main.OK;
        } catch (ReplayFailure | KafkaException e) {
            Optional<String> badClientSetting = badClientSetting(e);
            if (badClientSetting.isPresent()) {
                err.println("passrelay replay: bad KAFKA_* client setting: " + badClientSetting.get());
                return Main.BAD_USAGE;
            }
            err.println("passrelay replay: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return Main.FAILED;
        }
    }

    /** A Kafka client refusing its properties (from KAFKA_* variables) is a settings problem, not a failure. */
    private static Optional<String> badClientSetting(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.config.ConfigException bad) {
                return Optional.of(bad.getMessage());
            }
        }
        return Optional.empty();
    }
}

package passrelay.replay;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import passrelay.event.DeadLetterReason;

/**
 * What {@code passrelay replay} was asked to do, parsed and checked once.
 *
 * @param since inclusive lower bound of {@code passrelay.dlt.failed.at}
 * @param until exclusive upper bound of {@code passrelay.dlt.failed.at}
 * @param limit most records to replay in this run
 */
public record ReplayOptions(boolean help, Optional<Path> configFile, Optional<DeadLetterReason> reason,
                            Optional<String> resultCode, Optional<String> passId, Optional<Instant> since,
                            Optional<Instant> until, boolean dryRun, OptionalInt limit,
                            boolean includeSuperseded) {

    /**
     * Parses the command line; {@code --help} anywhere wins over everything else.
     *
     * @throws IllegalArgumentException naming the bad argument and why
     */
    public static ReplayOptions parse(String... args) {
        return new Parser(args).parse();
    }

    /** Reads the arguments left to right; each option at most once. */
    private static final class Parser {
        private final String[] args;
        private final Set<String> seen = new HashSet<>();
        private int next;
        private Optional<Path> configFile = Optional.empty();
        private Optional<DeadLetterReason> reason = Optional.empty();
        private Optional<String> resultCode = Optional.empty();
        private Optional<String> passId = Optional.empty();
        private Optional<Instant> since = Optional.empty();
        private Optional<Instant> until = Optional.empty();
        private boolean dryRun;
        private OptionalInt limit = OptionalInt.empty();
        private boolean includeSuperseded;

        Parser(String[] args) {
            this.args = args.clone();
        }

        ReplayOptions parse() {
            if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
                return new ReplayOptions(true, configFile, reason, resultCode, passId, since, until, dryRun, limit,
                        includeSuperseded);
            }
            while (next < args.length) {
                String option = args[next++];
                if (!seen.add(option)) {
                    throw new IllegalArgumentException(option + " is given more than once");
                }
                read(option);
            }
            if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
                throw new IllegalArgumentException("--since must be before --until");
            }
            return new ReplayOptions(false, configFile, reason, resultCode, passId, since, until, dryRun, limit,
                    includeSuperseded);
        }

        private void read(String option) {
            switch (option) {
                case "--config" -> configFile = Optional.of(Path.of(value(option, "FILE")));
                case "--reason" -> reason = Optional.of(reason(value(option, "REASON")));
                case "--result-code" -> resultCode = Optional.of(value(option, "CODE"));
                case "--pass-id" -> passId = Optional.of(value(option, "ID"));
                case "--since" -> since = Optional.of(instant(option, value(option, "INSTANT")));
                case "--until" -> until = Optional.of(instant(option, value(option, "INSTANT")));
                case "--dry-run" -> dryRun = true;
                case "--limit" -> limit = OptionalInt.of(limit(value(option, "N")));
                case "--include-superseded" -> includeSuperseded = true;
                default -> throw new IllegalArgumentException("unknown argument '" + option + "'");
            }
        }

        private String value(String option, String what) {
            if (next >= args.length || args[next].startsWith("--") || args[next].isBlank()) {
                throw new IllegalArgumentException(option + " needs a value: " + option + " " + what);
            }
            return args[next++];
        }
    }

    private static DeadLetterReason reason(String text) {
        try {
            return DeadLetterReason.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--reason must be UNKNOWN_RESULT or MALFORMED_EVENT, not '" + text + "'");
        }
    }

    /** An instant with {@code Z} or an offset, e.g. 2026-11-25T10:15:30Z or 2026-11-25T18:15:30+08:00. */
    private static Instant instant(String option, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 instant such as 2026-11-25T10:15:30Z, not '"
                    + text + "'");
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        throw new IllegalArgumentException("--limit must be a whole number from 1 to " + Integer.MAX_VALUE + ", not '"
                + text + "'");
    }
}

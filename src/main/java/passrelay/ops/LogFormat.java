package passrelay.ops;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PASSRELAY_LOG_FORMAT}: one JSON object per line (for log pipelines) or human-readable text. The
 * command picks the default — JSON for the long-running {@code run} and {@code replay}, text for the commands a
 * person runs at a terminal — and the environment overrides it. {@code logback.xml} includes
 * {@code passrelay-log-<format>.xml}, named by the system property {@link #PROPERTY}, so it must be set
 * before the first logger is created: {@link #install} does that, first thing in {@code Main}.
 */
public enum LogFormat {
    JSON,
    TEXT;

    /** Read by {@code logback.xml}. */
    public static final String PROPERTY = "passrelay.log.format";
    public static final String VARIABLE = "PASSRELAY_LOG_FORMAT";
    private static final Set<String> SERVICE_COMMANDS = Set.of("run", "replay");

    /** The format a command logs in when the environment does not say. */
    public static LogFormat defaultFor(String command) {
        return SERVICE_COMMANDS.contains(command) ? JSON : TEXT;
    }

    /**
     * The environment's choice, else the command's default. A bad value falls back to the default here, so that
     * logging works; the commands that read settings reject it with the other bad settings.
     */
    public static LogFormat choose(String command, Map<String, String> env) {
        return parse(env.get(VARIABLE)).orElse(defaultFor(command));
    }

    /** {@code json} or {@code text}, any case; empty for anything else. */
    public static Optional<LogFormat> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        for (LogFormat format : values()) {
            if (format.toString().equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Selects this format for Logback's configuration; without effect once logging has started. */
    public void install() {
        System.setProperty(PROPERTY, toString());
    }

    /** As operators write it, and as the included file is named: {@code json}, {@code text}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

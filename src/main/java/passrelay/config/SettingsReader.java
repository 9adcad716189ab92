package passrelay.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads settings from the environment, over an optional properties file of the same names, and
 * collects every problem so that start-up can name them all at once.
 */
public final class SettingsReader {
    private static final String KAFKA_PREFIX = "KAFKA_";

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    public SettingsReader(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The environment over the properties file, if one is given: the environment wins. Every command that reads
     * settings comes through here, so here {@code PASSRELAY_LOG_FORMAT} is checked too: {@code Main} configured
     * logging from the environment before any file was read, so a bad value, or one in the file alone, is a problem.
     */
    public static SettingsReader fromEnvironment(Map<String, String> env, Optional<Path> configFile) {
        Map<String, String> file = configFile.map(SettingsReader::readProperties).orElse(Map.of());
        Map<String, String> merged = new HashMap<>(file);
        merged.putAll(env);
        SettingsReader reader = new SettingsReader(merged);
        String logFormat = Settings.LOG_FORMAT.name();
        if (file.containsKey(logFormat) && !env.containsKey(logFormat)) {
            reader.problem(logFormat + ": set it in the environment, not in --config FILE (logging starts before "
                    + "the file is read)");
        } else {
            reader.optional(Settings.LOG_FORMAT);
        }
        return reader;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(List.of("--config " + file + ": cannot read (" + e.getMessage() + ")"));
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    /** The value, its default when unset, or null (recording a problem if the value is bad). */
    public <T> T optional(Setting<T> setting) {
        String raw = values.get(setting.name());
        if (raw == null || raw.isBlank()) {
            raw = setting.defaultValue();
        }
        if (raw == null) {
            return null;
        }
        try {
            return setting.parse(raw);
        } catch (IllegalArgumentException e) {
            problems.add(setting.name() + ": " + e.getMessage());
            return null;
        }
    }

    /** The value or its default; a problem is recorded when neither is there. */
    public <T> T required(Setting<T> setting) {
        T value = optional(setting);
        String raw = values.get(setting.name());
        if (value == null && (raw == null || raw.isBlank()) && setting.defaultValue() == null) {
            problems.add(setting.name() + ": required but not set");
        }
        return value;
    }

    /** Records a problem that involves more than one setting. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Every {@code KAFKA_<NAME>} as the Kafka client property {@code <name>} ({@code _} becomes {@code .}). */
    public Map<String, String> kafkaClientProperties() {
        Map<String, String> props = new HashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(KAFKA_PREFIX) && name.length() > KAFKA_PREFIX.length()) {
                props.put(name.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return props;
    }

    /** Throws one {@link ConfigException} naming every problem seen so far, if any. */
    public void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}

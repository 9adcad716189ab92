package passrelay.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One declared setting: its environment name, default, meaning and parser. The parser throws
 * {@link IllegalArgumentException} with a message that says what is wrong with the value.
 */
public final class Setting<T> {
    private final String name;
    private final String defaultValue;
    private final String commandDefault;
    private final String meaning;
    private final Function<String, T> parser;

    Setting(String name, String defaultValue, String meaning, Function<String, T> parser) {
        this(name, defaultValue, null, meaning, parser);
    }

    private Setting(String name, String defaultValue, String commandDefault, String meaning,
                    Function<String, T> parser) {
        this.name = Objects.requireNonNull(name);
        this.defaultValue = defaultValue;
        this.commandDefault = commandDefault;
        this.meaning = Objects.requireNonNull(meaning);
        this.parser = Objects.requireNonNull(parser);
    }

    /** A setting whose default depends on the command; the command applies it, so {@link #defaultValue} is null. */
    static <T> Setting<T> defaultByCommand(String name, String commandDefault, String meaning,
                                           Function<String, T> parser) {
        return new Setting<>(name, null, Objects.requireNonNull(commandDefault), meaning, parser);
    }

    public String name() {
        return name;
    }

    /** The default as text, or null when the setting has none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** For a setting whose default depends on the command: which default each command takes, in words. */
    public Optional<String> commandDefault() {
        return Optional.ofNullable(commandDefault);
    }

    public String meaning() {
        return meaning;
    }

    T parse(String raw) {
        return parser.apply(raw.strip());
    }

    @Override
    public String toString() {
        return name;
    }
}

package passrelay.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One declared setting: its environment name, default, meaning and parser. The parser throws
 * {@link IllegalArgumentException} with a message that says what is wrong with the value.
 */
public final class Setting<T> {
    private final String name;
    private final String defaultValue;
    private final String meaning;
    private final Function<String, T> parser;

    Setting(String name, String defaultValue, String meaning, Function<String, T> parser) {
        this.name = Objects.requireNonNull(name);
        this.defaultValue = defaultValue;
        this.meaning = Objects.requireNonNull(meaning);
        this.parser = Objects.requireNonNull(parser);
    }

    public String name() {
        return name;
    }

    /** The default as text, or null when the setting has none. */
    public String defaultValue() {
        return defaultValue;
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

package passrelay;

import java.nio.file.Path;
import java.util.Optional;

/** The options {@code run} and similar commands share: {@code --config FILE} and {@code --help}. */
final class ConfigFileOption {
    private ConfigFileOption() {
    }

    /**
     * The config file, if given; null when {@code --help} was asked for.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static Optional<Path> parse(String[] args, String command) {
        Optional<Path> file = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("passrelay " + command + ": --config needs a FILE");
                    }
                    file = Optional.of(Path.of(args[++i]));
                }
                default -> throw new IllegalArgumentException("passrelay " + command + ": unknown argument '"
                        + args[i] + "'");
            }
        }
        return file;
    }
}

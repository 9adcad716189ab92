package passrelay.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Parsers for setting values; each rejects a bad value with a message naming what is expected. */
final class Parsers {
    private Parsers() {
    }

    static String text(String raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return raw;
    }

    static int intInRange(String raw, int min, int max) {
        final int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is outside " + min + ".." + max);
        }
        return value;
    }

    static <E extends Enum<E>> E oneOf(String raw, Class<E> type) {
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + raw + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static URI httpUrl(String raw) {
        final URI uri;
        try {
            uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + raw + "' is not an http(s) URL");
        }
        return uri;
    }

    static Path readableFile(String raw) {
        Path path = Path.of(raw);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("'" + raw + "' is not a readable file");
        }
        return path;
    }
}

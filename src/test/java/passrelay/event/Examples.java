package passrelay.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The example documents of SPEC sections 2 and 4, kept in src/test/resources/examples. */
final class Examples {
    private Examples() {
    }

    static byte[] read(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no example " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package passrelay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** async-profiler's native library, taken out of its jar (a test dependency) into a temporary file. */
final class AsyncProfilerLibrary {
    private static final String RESOURCE = "linux-x64/libasyncProfiler.so";

    private AsyncProfilerLibrary() {
    }

    static Path extract() {
        try (InputStream in = AsyncProfilerLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the class path (tools.profiler:async-profiler)");
            }
            Path file = Files.createTempFile("libasyncProfiler", ".so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package passrelay.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One child JVM started by a process handle: its output in a file, stopped by signal, waited for with a deadline. */
public final class ChildJvm {
    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** {@code java <arguments>} with this JVM's java; stdout and stderr appended to {@code output}. */
    public static ChildJvm start(List<String> arguments, java.util.Map<String, String> environment, Path output) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        try {
            return new ChildJvm(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The build's class path: target/test-classpath.txt (mvn package or test-compile writes it), target/classes. */
    public static String buildClassPath() {
        Path listed = Path.of("target", "test-classpath.txt");
        try {
            return Files.readString(listed).strip() + java.io.File.pathSeparator + Path.of("target", "classes");
        } catch (IOException e) {
            throw new UncheckedIOException("no " + listed + ": run mvn -q -B package -DskipTests first", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM. */
    public void sigterm() {
        process.destroy();
    }

    /** SIGKILL. */
    public void sigkill() {
        process.destroyForcibly();
    }

    /** The exit code once the process ended within {@code timeout}; empty if it still runs. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.of(process.exitValue())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGKILL and wait for the end: for cleanup, never fails. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** CPU time the process has used so far (user and system), as the OS reports it. */
    public Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    public Path output() {
        return output;
    }

    /** The output written so far, from byte {@code from}. */
    public String outputSince(long from) {
        try {
            byte[] bytes = Files.readAllBytes(output);
            int start = (int) Math.min(from, bytes.length);
            return new String(bytes, start, bytes.length - start, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The output's last lines, for failure messages. */
    public String tail(int lines) {
        List<String> all = outputSince(0).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}

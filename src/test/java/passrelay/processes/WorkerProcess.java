package passrelay.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import passrelay.testing.Await;
import passrelay.testing.PassrelayJar;

/**
 * {@code java [jvm args] -jar <jar> run} as an operator runs the worker: settings in the environment
 * (SPEC section 6 names), stdout and stderr in a file, {@code PASSRELAY_HTTP_PORT} chosen free, and its
 * health and metrics read over HTTP. The jar is a parameter so that an older build can be compared.
 */
public final class WorkerProcess implements AutoCloseable {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final ChildJvm jvm;
    private final int httpPort;

    private WorkerProcess(ChildJvm jvm, int httpPort) {
        this.jvm = jvm;
        this.httpPort = httpPort;
    }

    /** Starts the worker of {@code jar}; returns at once (see {@link #awaitReady()}). */
    public static WorkerProcess start(Path jar, List<String> jvmArgs, Map<String, String> environment, Path output) {
        int port = PassrelayJar.freePort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("PASSRELAY_HTTP_PORT", String.valueOf(port));
        List<String> arguments = new ArrayList<>(jvmArgs);
        arguments.addAll(List.of("-jar", jar.toString(), "run"));
        return new WorkerProcess(ChildJvm.start(arguments, env, output), port);
    }

    /** Starts and waits until {@code /health/ready} answers 200. */
    public static WorkerProcess startReady(Path jar, List<String> jvmArgs, Map<String, String> environment,
                                           Path output) {
        WorkerProcess worker = start(jar, jvmArgs, environment, output);
        worker.awaitReady();
        return worker;
    }

    public WorkerProcess awaitReady() {
        return awaitStatus("/health/ready", READY_TIMEOUT);
    }

    public WorkerProcess awaitLive() {
        return awaitStatus("/health/live", READY_TIMEOUT);
    }

    private WorkerProcess awaitStatus(String path, Duration timeout) {
        Await.until(timeout, () -> path + " of the worker (pid " + jvm.pid() + "); its output ends:\n" + jvm.tail(15),
                () -> answers(path));
        return this;
    }

    private boolean answers(String path) {
        if (!jvm.alive()) {
            throw new IllegalStateException("the worker exited (" + jvm.awaitExit(Duration.ZERO).orElse(-1) + "): "
                    + jvm.tail(30));
        }
        return PassrelayJar.status(httpPort, path) == 200;
    }

    /** True while {@code /health/live} answers 200. */
    public boolean live() {
        return PassrelayJar.status(httpPort, "/health/live") == 200;
    }

    public boolean ready() {
        return PassrelayJar.status(httpPort, "/health/ready") == 200;
    }

    /** The Prometheus text of {@code /metrics}; "" while nothing answers. */
    public String metrics() {
        return PassrelayJar.body(httpPort, "/metrics");
    }

    /** The sum of the samples of {@code name} whose labels contain every fragment of {@code labels}. */
    public double metric(String name, String... labels) {
        return metrics().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean alive() {
        return jvm.alive();
    }

    /** SIGTERM: the worker drains (SPEC section 7). */
    public void sigterm() {
        jvm.sigterm();
    }

    /** SIGKILL: a crash, nothing drained. */
    public void sigkill() {
        jvm.sigkill();
        jvm.awaitExit(Duration.ofSeconds(60));
    }

    /** SIGTERM and the exit code, or empty when it did not end within {@code timeout}. */
    public Optional<Integer> stop(Duration timeout) {
        jvm.sigterm();
        return jvm.awaitExit(timeout);
    }

    public Optional<Integer> awaitExit(Duration timeout) {
        return jvm.awaitExit(timeout);
    }

    /** CPU time used so far, from {@code ProcessHandle.info().totalCpuDuration()}. */
    public Optional<Duration> cpuTime() {
        return jvm.cpuTime();
    }

    public long pid() {
        return jvm.pid();
    }

    public Path output() {
        return jvm.output();
    }

    public String tail(int lines) {
        return jvm.tail(lines);
    }

    /** SIGKILL if it still runs: for cleanup. */
    @Override
    public void close() {
        jvm.kill();
    }
}

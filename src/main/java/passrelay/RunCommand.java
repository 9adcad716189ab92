package passrelay;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.alipay.KeyFileException;
import passrelay.config.ConfigException;
import passrelay.config.KafkaSettings;
import passrelay.config.SettingsReader;
import passrelay.kafka.Worker;
import passrelay.kafka.WorkerAssembly;
import passrelay.kafka.WorkerSetup;

/** {@code passrelay run}: the worker, until SIGTERM; then it drains, commits and exits 0. */
final class RunCommand {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    static final String USAGE = """
            usage: passrelay run [--config FILE]

            Consumes pass-update events, calls AlipayHK's updatePass in order per pass, publishes every
            outcome to the results topic and unknown outcomes to the dead-letter topic. Settings come
            from the environment (see the README's settings table); --config FILE supplies the same
            names as a properties file, under the environment. SIGTERM drains in-flight work, commits
            and exits 0.""";

    private RunCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Optional<Path> configFile;
        try {
            configFile = ConfigFileOption.parse(args, "run");
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Main.BAD_USAGE;
        }
        if (configFile == null) {
            out.println(USAGE);
            return Main.OK;
        }
        final Worker worker;
        try {
            WorkerSetup setup = WorkerSetup.read(SettingsReader.fromEnvironment(env, configFile));
            worker = WorkerAssembly.start(setup, WorkerAssembly.Options.production());
            KafkaSettings kafka = setup.kafka();
            log.info("passrelay running: {} -> {} / {}; health and metrics on port {}", kafka.inputTopic(),
                    kafka.resultsTopic(), kafka.dltTopic(), worker.healthPort().orElseThrow());
        } catch (ConfigException | KeyFileException e) {
            err.println("passrelay run: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        Thread hook = new Thread(() -> {
            log.info("stopping: draining in-flight work");
            worker.close();
            log.info("stopped cleanly");
            // The JVM would report a SIGTERM as exit 143; a drained, committed stop is a success.
            Runtime.getRuntime().halt(worker.failed() ? Main.FAILED : Main.OK);
        }, "passrelay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            worker.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return worker.failed() ? Main.FAILED : Main.OK;
    }
}

package passrelay;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import passrelay.alipay.KeyFileException;
import passrelay.simulator.Simulator;
import passrelay.simulator.SimulatorFlags;
import passrelay.simulator.SimulatorOptions;

/**
 * {@code passrelay simulator}: runs the AlipayHK stand-in until the JVM is told to stop (SIGTERM,
 * Ctrl-C) or the calling thread is interrupted. Exit 0 after a stop, 2 on bad flags or keys, 1 when
 * it cannot listen.
 */
public final class SimulatorCommand {
    private SimulatorCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (SimulatorFlags.wantsHelp(args)) {
            out.print(SimulatorFlags.USAGE);
            return 0;
        }
        SimulatorOptions options;
        try {
            options = SimulatorFlags.parse(args);
        } catch (IllegalArgumentException | KeyFileException e) {
            err.println("passrelay simulator: " + e.getMessage());
            err.println("try 'passrelay simulator --help'");
            return 2;
        }
        Simulator simulator;
        try {
            simulator = Simulator.start(options);
        } catch (UncheckedIOException e) {
            err.println("passrelay simulator: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
            return 1;
        }
        serveUntilStopped(simulator, out);
        return 0;
    }

    private static void serveUntilStopped(Simulator simulator, PrintStream out) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("simulator: " + simulator.options());
        out.println("listening on " + simulator.baseUrl());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            simulator.close();
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or has run: nothing to remove
        }
    }
}

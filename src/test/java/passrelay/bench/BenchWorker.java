package passrelay.bench;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import one.profiler.AsyncProfiler;
import passrelay.alipay.CompletionThreads;
import passrelay.config.SettingsReader;
import passrelay.kafka.Worker;
import passrelay.kafka.WorkerAssembly;
import passrelay.kafka.WorkerSetup;
import passrelay.ops.LogFormat;

/**
 * The benchmark's worker process: a worker built by {@link WorkerAssembly} from the environment, as
 * {@code passrelay run} builds it, in a JVM of its own, with two benchmark-only choices —
 * the ordering ({@code PER_PARTITION} is the partition-serial baseline) and an optional CPU profile of a
 * steady stretch. Usage: {@code BenchWorker PER_PASS|PER_PARTITION [profileFile startAfterS durationS]}.
 */
public final class BenchWorker {
    private BenchWorker() {
    }

    public static void main(String[] args) throws Exception {
        CompletionThreads.useAPool(); // as passrelay run starts
        LogFormat.choose("run", System.getenv()).install();
        Worker.Ordering ordering = Worker.Ordering.valueOf(args[0]);
        Worker worker = WorkerAssembly.start(WorkerSetup.read(SettingsReader.fromEnvironment(System.getenv(),
                java.util.Optional.empty())), WorkerAssembly.Options.production().withOrdering(ordering));
        if (args.length >= 4) {
            profileLater(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
        }
        worker.awaitStop();
    }

    /** async-profiler's CPU samples (Java and native frames) from {@code afterS} for {@code forS} seconds. */
    private static void profileLater(Path file, long afterS, long forS) {
        AsyncProfiler profiler = AsyncProfiler.getInstance(AsyncProfilerLibrary.extract().toString());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-profiler");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(() -> execute(profiler, "start,event=cpu,interval=1ms"), afterS, TimeUnit.SECONDS);
        timer.schedule(() -> execute(profiler, "stop,file=" + file + ",collapsed"), afterS + forS, TimeUnit.SECONDS);
    }

    private static void execute(AsyncProfiler profiler, String command) {
        try {
            System.err.println("profiler: " + profiler.execute(command).strip());
        } catch (Exception e) {
            System.err.println("profiler: " + command + " failed: " + e);
        }
    }
}

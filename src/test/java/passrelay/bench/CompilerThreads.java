package passrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process's JIT compiler threads ({@code C1/C2 CompilerThread*}), read from Linux's
 * {@code /proc/PID/task}: the benchmark warms a worker up until these go quiet, so that compilation
 * drops out of the measured CPU per event, and reports what is left of it.
 */
final class CompilerThreads {
    /** Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CompilerThreads() {
    }

    /** Nanoseconds of CPU the compiler threads have used; 0 where /proc cannot tell. */
    static long cpuNanos(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.filter(CompilerThreads::isCompiler).mapToLong(CompilerThreads::ticks).sum() * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isCompiler(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).strip();
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        } catch (IOException e) {
            return false;
        }
    }

    /** utime + stime, fields 14 and 15 of stat, counted after the command name (which may hold spaces). */
    private static long ticks(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

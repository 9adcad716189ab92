package passrelay.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fault runner's command line (see {@link FaultRuns}). */
record RunOptions(List<String> scenarios, Path workerJar, String label, int passes, int eventsPerPass,
                  Optional<Path> out, long memoryEvents, long memorySmallEvents) {
    static final List<String> DEFAULT_SCENARIOS = List.of("kills", "broker-restart", "outage", "two-workers",
            "hostile", "forged");
    /** Scenarios run only when named. */
    static final List<String> ON_REQUEST = List.of("memory", "static-kill");

    static RunOptions parse(String[] args) {
        List<String> scenarios = new ArrayList<>();
        Path jar = Path.of("target", "passrelay.jar");
        String label = "current";
        int passes = 300;
        int eventsPerPass = 10;
        Optional<Path> out = Optional.empty();
        long memoryEvents = 1_000_000;
        long memorySmall = 50_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--worker-jar" -> jar = Path.of(value(args, ++i, arg));
                case "--label" -> label = value(args, ++i, arg);
                case "--passes" -> passes = Integer.parseInt(value(args, ++i, arg));
                case "--events-per-pass" -> eventsPerPass = Integer.parseInt(value(args, ++i, arg));
                case "--out" -> out = Optional.of(Path.of(value(args, ++i, arg)));
                case "--memory-events" -> memoryEvents = Long.parseLong(value(args, ++i, arg));
                case "--memory-small-events" -> memorySmall = Long.parseLong(value(args, ++i, arg));
                default -> {
                    if (!DEFAULT_SCENARIOS.contains(arg) && !ON_REQUEST.contains(arg)) {
                        throw new IllegalArgumentException("unknown scenario or option '" + arg + "'; scenarios: "
                                + DEFAULT_SCENARIOS + " and " + ON_REQUEST);
                    }
                    scenarios.add(arg);
                }
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no worker jar at " + jar + " (mvn -q -B package -DskipTests)");
        }
        if (eventsPerPass < 3) {
            throw new IllegalArgumentException("--events-per-pass must be at least 3");
        }
        return new RunOptions(scenarios.isEmpty() ? DEFAULT_SCENARIOS : scenarios, jar, label, passes,
                eventsPerPass, out, memoryEvents, memorySmall);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}

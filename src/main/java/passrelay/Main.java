package passrelay;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import passrelay.alipay.CompletionThreads;
import passrelay.demo.DemoCommand;
import passrelay.ops.LogFormat;

/** The command line: {@code passrelay <command> [options]}; {@code run} is the default. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    private static final Map<String, String> COMMANDS = Map.of(
            "run", "the worker (default)",
            "replay", "republish dead-lettered records to the input topic",
            "call", "send one event's update straight to AlipayHK",
            "simulator", "a local AlipayHK stand-in",
            "demo", "everything on one machine: broker, simulator, worker, sample events",
            "keys", "generate a key pair (PEM) for local use");

    private Main() {
    }

    public static void main(String[] args) {
        CompletionThreads.useAPool(); // before anything creates the common pool
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 || args[0].startsWith("--") && !isHelp(args[0]) ? "run" : args[0];
        String[] rest = args.length == 0 || !command.equals(args[0]) ? args : Arrays.copyOfRange(args, 1, args.length);
        if (isHelp(command)) {
            printUsage(out);
            return OK;
        }
        if (!COMMANDS.containsKey(command)) {
            err.println("passrelay: unknown command '" + command + "'");
            printUsage(err);
            return BAD_USAGE;
        }
        LogFormat.choose(command, System.getenv()).install(); // before anything logs
        return switch (command) {
            case "run" -> RunCommand.run(rest, out, err, System.getenv());
            case "replay" -> ReplayCommand.run(rest, out, err, System.getenv());
            case "call" -> CallCommand.run(rest, System.in, out, err, System.getenv());
            case "simulator" -> SimulatorCommand.run(rest, out, err);
            case "demo" -> DemoCommand.run(rest, out, err);
            case "keys" -> KeysCommand.run(rest, out, err);
            default -> throw new IllegalStateException("no handler for command " + command);
        };
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static void printUsage(PrintStream out) {
        out.println("usage: passrelay <command> [options]");
        out.println();
        out.println("passrelay is 'java -jar passrelay.jar'; 'passrelay <command> --help' documents each command.");
        out.println();
        out.println("Commands:");
        COMMANDS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> out.printf("  %-10s %s%n", entry.getKey(), entry.getValue()));
    }
}

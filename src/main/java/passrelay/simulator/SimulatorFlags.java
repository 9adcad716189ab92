package passrelay.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import passrelay.alipay.KeyFileException;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;

/** The {@code simulator} command's flags, turned into {@link SimulatorOptions}. */
public final class SimulatorFlags {
    public static final String USAGE = """
            usage: passrelay simulator [options]

            A local AlipayHK updatePass stand-in on 127.0.0.1; prints 'listening on http://127.0.0.1:N'.

            Options:
              --port N                     port, 0 = any free port (default 0)
              --client-id ID               the Client-Id requests must carry (default %s)
              --client-public-key FILE     the client's public key (PEM): requests are verified,
                                           encrypted answers sealed for it; unverified when absent
              --private-key FILE           the simulator's PKCS#8 private key (PEM): answers are signed,
                                           encrypted requests opened; unsigned when absent
              --signature-algorithm ALG    RSA256 (default) or ECC224; RSA_AES needs RSA256
              --key-version V              keyVersion of the answers' Signature header (omitted when unset)
              --latency-ms N               added to every answer (default 0)
              --u-rate R                   share 0..1 answered U UNKNOWN_EXCEPTION, update not applied
              --http-5xx-rate R            share 0..1 answered HTTP 500/503 with an HTML body
              --timeout-rate R             share 0..1 held unanswered until the client gives up
              --timeout-hold-ms N          how long such a request is held before its connection is
                                           dropped (default 60000; set it a little above the client's
                                           timeout under load, each held request keeps a socket open)
              --rate-limit-rate R          share 0..1 answered HTTP 429, U REQUEST_TRAFFIC_EXCEED_LIMIT
              --max-concurrent Q           throttle: a request arriving while Q are being served is
                                           answered U REQUEST_TRAFFIC_EXCEED_LIMIT at once (HTTP 200,
                                           update not applied); 0 = no throttling (default)
              --capacity N                 serve at most N requests at once, each for --latency-ms; the
                                           rest wait in line, so latency grows with load; 0 = no line
                                           (default)
              --sick-pass-share R          share 0..1 of passes (by a stable hash of passId) answered
                                           U UNKNOWN_EXCEPTION on every call, update not applied
              --forge-rate R               share 0..1 answered with a forged S SUCCESS (update not
                                           applied; Tracer-Id starts with 'forged'), see --forge-kind
              --forge-kind KIND            copied-signature: a genuine signature of another body (a U
                                           answer) on the forged body; stale-time: genuinely signed,
                                           Response-Time 10 minutes old; both (default): half each
              --strict                     unknown passes are PASS_HAS_NOT_EXIST instead of created
              --cached-signatures          answers alike within one second share one signature
                                           (Response-Time in whole seconds): for benchmarks, so
                                           that the simulator's RSA work spares the worker's CPU
              --seed N                     seed of the fault draws (default 0)
              --max-arrivals N             arrivals kept for /admin/arrivals (default 1000000)
              --worker-threads N           threads reading requests and writing answers (default 4);
                                           latency is waited out on a timer, not on these
              --help                       this text

            Test hook: a userId starting with 'no-such-user' is answered F USER_NOT_EXIST.
            While running: GET/POST /admin/faults, POST /admin/script, GET /admin/arrivals[?passId=],
            GET /admin/overlaps (requests that arrived while another update of their pass was unanswered),
            GET /admin/load (requests being served, waiting in line, admitted and throttled),
            POST /admin/passes, POST /admin/reset (see the README).
            """.formatted(SimulatorOptions.DEFAULT_CLIENT_ID);

    private static final Set<String> SWITCHES = Set.of("--strict", "--cached-signatures", "--help");
    private static final Set<String> VALUED = Set.of("--port", "--client-id", "--client-public-key", "--private-key",
            "--signature-algorithm", "--key-version", "--latency-ms", "--u-rate", "--http-5xx-rate", "--timeout-rate",
            "--sick-pass-share", "--rate-limit-rate", "--forge-rate", "--forge-kind", "--seed", "--max-arrivals",
            "--timeout-hold-ms", "--worker-threads", "--max-concurrent", "--capacity");

    private SimulatorFlags() {
    }

    public static boolean wantsHelp(String[] args) {
        List<String> given = Arrays.asList(args);
        return given.contains("--help") || given.contains("-h");
    }

    /**
     * @throws IllegalArgumentException for an unknown flag or a bad value, naming the flag
     * @throws KeyFileException         for a key file that cannot be used
     */
    public static SimulatorOptions parse(String[] args) {
        Map<String, String> flags = collect(args);
        SignatureAlgorithm algorithm = algorithm(flags.get("--signature-algorithm"));
        SimulatorOptions.Builder builder = SimulatorOptions.builder()
                .signatureAlgorithm(algorithm)
                .port((int) whole(flags, "--port", 0, 0, 65_535))
                .strict(flags.containsKey("--strict"))
                .cachedSignatures(flags.containsKey("--cached-signatures"))
                .seed(whole(flags, "--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE))
                .arrivalCapacity(whole(flags, "--max-arrivals", 1_000_000, 0, Long.MAX_VALUE))
                .timeoutHold(Duration.ofMillis(whole(flags, "--timeout-hold-ms", 60_000, 1, 3_600_000)))
                .workerThreads((int) whole(flags, "--worker-threads", 4, 1, 64))
                .faults(new FaultSettings(whole(flags, "--latency-ms", 0, 0, 3_600_000),
                        rate(flags, "--u-rate"), rate(flags, "--http-5xx-rate"), rate(flags, "--timeout-rate"),
                        rate(flags, "--rate-limit-rate"), Optional.empty(),
                        sickPasses(rate(flags, "--sick-pass-share")), rate(flags, "--forge-rate"),
                        ForgeKind.parse(flags.getOrDefault("--forge-kind", ForgeKind.BOTH.label())),
                        (int) whole(flags, "--max-concurrent", 0, 0, 1_000_000),
                        (int) whole(flags, "--capacity", 0, 0, 1_000_000)));
        Optional.ofNullable(flags.get("--client-id")).ifPresent(builder::clientId);
        Optional.ofNullable(flags.get("--key-version")).ifPresent(builder::keyVersion);
        Optional.ofNullable(flags.get("--client-public-key"))
                .ifPresent(file -> builder.clientPublicKey(PemKeys.readPublicKey(Path.of(file), algorithm)));
        Optional.ofNullable(flags.get("--private-key"))
                .ifPresent(file -> builder.privateKey(PemKeys.readPrivateKey(Path.of(file), algorithm)));
        return builder.build();
    }

    private static SickPasses sickPasses(double share) {
        return share == 0 ? SickPasses.NONE : new SickPasses(share, Optional.of(java.time.Instant.MAX));
    }

    private static Map<String, String> collect(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (SWITCHES.contains(name) && eq < 0) {
                flags.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (eq < 0 && i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                flags.put(name, eq > 0 ? arg.substring(eq + 1) : args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return flags;
    }

    private static SignatureAlgorithm algorithm(String value) {
        if (value == null) {
            return SignatureAlgorithm.RSA256;
        }
        try {
            return SignatureAlgorithm.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--signature-algorithm must be RSA256 or ECC224, was '" + value + "'");
        }
    }

    private static long whole(Map<String, String> flags, String name, long fallback, long min, long max) {
        String value = flags.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number in " + min + ".." + max + ", was '"
                + value + "'");
    }

    private static double rate(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null) {
            return 0;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a share between 0 and 1, was '" + value + "'");
    }
}

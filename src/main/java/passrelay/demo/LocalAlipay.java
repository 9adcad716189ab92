package passrelay.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.simulator.Simulator;
import passrelay.simulator.SimulatorOptions;

/**
 * A simulator with fresh key pairs on both sides, and the {@code ALIPAYHK_*} settings that point a
 * worker at it: requests are verified with our public key, responses signed with the simulator's.
 */
public final class LocalAlipay implements AutoCloseable {
    private final Path keyDir;
    private final Simulator simulator;
    private final Map<String, String> settings;

    private LocalAlipay(Path keyDir, Simulator simulator, Map<String, String> settings) {
        this.keyDir = keyDir;
        this.simulator = simulator;
        this.settings = settings;
    }

    public static LocalAlipay start(String clientId, Consumer<SimulatorOptions.Builder> options) {
        return start(clientId, true, options);
    }

    /** With {@code signedResponses} false the simulator answers unsigned and the worker does not verify. */
    public static LocalAlipay start(String clientId, boolean signedResponses,
                                    Consumer<SimulatorOptions.Builder> options) {
        try {
            Path keyDir = Files.createTempDirectory("passrelay-keys-");
            KeyPair ours = PemKeys.generate(SignatureAlgorithm.RSA256);
            KeyPair theirs = PemKeys.generate(SignatureAlgorithm.RSA256);
            Path privateKey = Files.writeString(keyDir.resolve("client-private.pem"), PemKeys.toPem(ours.getPrivate()));
            Path alipayPublic = Files.writeString(keyDir.resolve("alipay-public.pem"), PemKeys.toPem(theirs.getPublic()));
            SimulatorOptions.Builder builder = SimulatorOptions.builder().clientId(clientId)
                    .clientPublicKey(ours.getPublic());
            if (signedResponses) {
                builder.privateKey(theirs.getPrivate());
            }
            options.accept(builder);
            Simulator simulator = Simulator.start(builder.build());
            Map<String, String> settings = new java.util.HashMap<>(Map.of(
                    "ALIPAYHK_BASE_URL", simulator.baseUrl().toString(), "ALIPAYHK_CLIENT_ID", clientId,
                    "ALIPAYHK_PRIVATE_KEY_FILE", privateKey.toString()));
            if (signedResponses) {
                settings.put("ALIPAYHK_PUBLIC_KEY_FILE", alipayPublic.toString());
            }
            return new LocalAlipay(keyDir, simulator, Map.copyOf(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Simulator simulator() {
        return simulator;
    }

    /** {@code ALIPAYHK_BASE_URL}, {@code _CLIENT_ID}, {@code _PRIVATE_KEY_FILE}, {@code _PUBLIC_KEY_FILE}. */
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public void close() {
        simulator.close();
        try (Stream<Path> paths = Files.walk(keyDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // temp keys left behind are test keys
        }
    }
}

package passrelay.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;

/**
 * Fresh key pairs for one local run, as PEM files in a temporary directory (never committed): ours
 * signs requests, the simulator's signs answers. Gives both sides the flags and settings that use them.
 */
public record LocalKeys(String clientId, SignatureAlgorithm algorithm, Path clientPrivate, Path clientPublic,
                        Path alipayPrivate, Path alipayPublic) {

    public static LocalKeys generate(Path dir, String clientId, SignatureAlgorithm algorithm) {
        try {
            Files.createDirectories(dir);
            KeyPair ours = PemKeys.generate(algorithm);
            KeyPair theirs = PemKeys.generate(algorithm);
            return new LocalKeys(clientId, algorithm,
                    Files.writeString(dir.resolve("client-private.pem"), PemKeys.toPem(ours.getPrivate())),
                    Files.writeString(dir.resolve("client-public.pem"), PemKeys.toPem(ours.getPublic())),
                    Files.writeString(dir.resolve("alipay-private.pem"), PemKeys.toPem(theirs.getPrivate())),
                    Files.writeString(dir.resolve("alipay-public.pem"), PemKeys.toPem(theirs.getPublic())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simulator verifies our requests and signs its answers. */
    public List<String> simulatorFlags() {
        return List.of("--client-id", clientId, "--signature-algorithm", algorithm.name(),
                "--client-public-key", clientPublic.toString(), "--private-key", alipayPrivate.toString());
    }

    /** The worker signs with our key and verifies the answers with the simulator's public key. */
    public Map<String, String> workerSettings(URI baseUrl) {
        return Map.of("ALIPAYHK_BASE_URL", baseUrl.toString(), "ALIPAYHK_CLIENT_ID", clientId,
                "ALIPAYHK_SIGNATURE_ALGORITHM", algorithm.name(),
                "ALIPAYHK_PRIVATE_KEY_FILE", clientPrivate.toString(),
                "ALIPAYHK_PUBLIC_KEY_FILE", alipayPublic.toString());
    }
}

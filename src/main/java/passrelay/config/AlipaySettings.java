package passrelay.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import passrelay.alipay.CryptoPreference;
import passrelay.alipay.Encryption;
import passrelay.alipay.SignatureAlgorithm;

/** How to reach and sign for AlipayHK. Key files are paths: the keys themselves never leave the signer. */
public record AlipaySettings(
        URI baseUrl,
        String clientId,
        Optional<String> defaultMerchantId,
        Path privateKeyFile,
        Optional<Path> publicKeyFile,
        SignatureAlgorithm signatureAlgorithm,
        Optional<String> keyVersion,
        Encryption encryption,
        Duration timeout,
        CryptoPreference crypto) {

    /** With {@code PASSRELAY_CRYPTO=auto}. */
    public AlipaySettings(URI baseUrl, String clientId, Optional<String> defaultMerchantId, Path privateKeyFile,
                          Optional<Path> publicKeyFile, SignatureAlgorithm signatureAlgorithm,
                          Optional<String> keyVersion, Encryption encryption, Duration timeout) {
        this(baseUrl, clientId, defaultMerchantId, privateKeyFile, publicKeyFile, signatureAlgorithm, keyVersion,
                encryption, timeout, CryptoPreference.AUTO);
    }

    /** Reads the AlipayHK settings, recording every problem in the reader. */
    public static AlipaySettings read(SettingsReader reader) {
        AlipaySettings settings = new AlipaySettings(
                reader.optional(Settings.ALIPAYHK_BASE_URL),
                reader.required(Settings.ALIPAYHK_CLIENT_ID),
                Optional.ofNullable(reader.optional(Settings.ALIPAYHK_MERCHANT_ID)),
                reader.required(Settings.ALIPAYHK_PRIVATE_KEY_FILE),
                Optional.ofNullable(reader.optional(Settings.ALIPAYHK_PUBLIC_KEY_FILE)),
                reader.optional(Settings.ALIPAYHK_SIGNATURE_ALGORITHM),
                Optional.ofNullable(reader.optional(Settings.ALIPAYHK_KEY_VERSION)),
                reader.optional(Settings.ALIPAYHK_ENCRYPTION),
                Optional.ofNullable(reader.optional(Settings.ALIPAYHK_TIMEOUT_MS)).map(Duration::ofMillis).orElse(null),
                reader.optional(Settings.CRYPTO));
        if (settings.encryption() == Encryption.RSA_AES && settings.publicKeyFile().isEmpty()) {
            reader.problem(Settings.ALIPAYHK_ENCRYPTION.name() + "=RSA_AES needs "
                    + Settings.ALIPAYHK_PUBLIC_KEY_FILE.name() + " (AlipayHK's public key wraps the AES key)");
        }
        if (settings.encryption() == Encryption.RSA_AES && settings.signatureAlgorithm() == SignatureAlgorithm.ECC224) {
            reader.problem(Settings.ALIPAYHK_ENCRYPTION.name() + "=RSA_AES needs RSA keys, but "
                    + Settings.ALIPAYHK_SIGNATURE_ALGORITHM.name() + " is ECC224");
        }
        return settings;
    }
}

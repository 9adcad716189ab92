package passrelay.alipay;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import passrelay.config.ConfigException;
import passrelay.config.Settings;

/**
 * Which implementation computes and checks signatures — the one place that decides, from
 * {@code PASSRELAY_CRYPTO} and what the platform offers. Native is AWS-LC through ACCP, for RSA256 and
 * ECC224 alike; the JDK path is the JDK's RSA and Bouncy Castle's ECC224 (the JDK lacks P-224).
 * Providers are always named explicitly: nothing is installed in the JVM's provider list.
 */
public final class CryptoChoice {
    private static final CryptoChoice JDK = new CryptoChoice(Optional.empty(), "JDK");

    private final Optional<Provider> nativeProvider;
    private final String description;

    private CryptoChoice(Optional<Provider> nativeProvider, String description) {
        this.nativeProvider = nativeProvider;
        this.description = description;
    }

    /** The JDK path, without a reason: the simulator's and the tools' choice. */
    public static CryptoChoice jdk() {
        return JDK;
    }

    /**
     * @throws ConfigException for {@code native} when the platform has no healthy native provider
     */
    public static CryptoChoice decide(CryptoPreference preference) {
        return decide(preference, NativeCrypto::availability);
    }

    static CryptoChoice decide(CryptoPreference preference, Supplier<NativeCrypto.Availability> nativeCrypto) {
        if (preference == CryptoPreference.JDK) {
            return new CryptoChoice(Optional.empty(), "JDK (" + Settings.CRYPTO.name() + "=jdk)");
        }
        NativeCrypto.Availability availability = nativeCrypto.get();
        if (availability instanceof NativeCrypto.Availability.Available available) {
            return new CryptoChoice(Optional.of(available.provider()), "native (" + available.description() + ")");
        }
        String reason = ((NativeCrypto.Availability.Unavailable) availability).reason();
        if (preference == CryptoPreference.NATIVE) {
            throw new ConfigException(List.of(Settings.CRYPTO.name() + "=native, but native crypto is unavailable: "
                    + reason));
        }
        return new CryptoChoice(Optional.empty(), "JDK (native unavailable: " + reason + ")");
    }

    public boolean isNative() {
        return nativeProvider.isPresent();
    }

    /** {@code native} or {@code jdk}: the {@code crypto} tag of {@code passrelay.build.info}. */
    public String label() {
        return isNative() ? "native" : "jdk";
    }

    /** The start-up log line: which implementation signs, and why. */
    public String startupLine() {
        return "signing: " + description;
    }

    Signature newSignature(SignatureAlgorithm algorithm) throws GeneralSecurityException {
        if (nativeProvider.isPresent()) {
            return Signature.getInstance(algorithm.jcaName(), nativeProvider.get());
        }
        return algorithm == SignatureAlgorithm.ECC224
                ? Signature.getInstance(algorithm.jcaName(), CryptoProvider.bouncyCastle())
                : Signature.getInstance(algorithm.jcaName());
    }

    /** The key in the provider's own form, converted once: native signing with a JDK key object converts per call. */
    PrivateKey adopt(PrivateKey key) {
        return (PrivateKey) translate(key);
    }

    PublicKey adopt(PublicKey key) {
        return (PublicKey) translate(key);
    }

    private Key translate(Key key) {
        if (nativeProvider.isEmpty()) {
            return key;
        }
        String keyAlgorithm = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm(); // Bouncy Castle says ECDSA
        try {
            return KeyFactory.getInstance(keyAlgorithm, nativeProvider.get()).translateKey(key);
        } catch (InvalidKeyException | NoSuchAlgorithmException e) { // e.g. an EC key on a curve AWS-LC lacks
            throw new KeyFileException("native crypto cannot use the configured " + key.getAlgorithm() + " key ("
                    + e.getClass().getSimpleName() + "); " + Settings.CRYPTO.name() + "=jdk can");
        }
    }

    @Override
    public String toString() {
        return "CryptoChoice[" + description + "]";
    }
}

package passrelay.alipay;

import java.security.Key;
import java.util.Optional;

/** The signature algorithms of AlipayHK's gateway, by the names its {@code Signature} header uses. */
public enum SignatureAlgorithm {
    /** SHA256withRSA, PKCS#1 v1.5, 2048-bit key. */
    RSA256("SHA256withRSA", "RSA"),
    /** SHA224withECDSA over NIST P-224, DER-encoded; the JDK lacks P-224 (see {@link CryptoChoice}). */
    ECC224("SHA224withECDSA", "EC");

    private final String jcaName;
    private final String keyAlgorithm;

    SignatureAlgorithm(String jcaName, String keyAlgorithm) {
        this.jcaName = jcaName;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The JCA key algorithm ({@code RSA} or {@code EC}) a key for this signature must have. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    String jcaName() {
        return jcaName;
    }

    /** The algorithm a key is for: RSA256 for an RSA key, ECC224 for an EC key; empty for anything else. */
    public static Optional<SignatureAlgorithm> forKey(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> Optional.of(RSA256);
            case "EC", "ECDSA" -> Optional.of(ECC224); // Bouncy Castle names its EC keys ECDSA
            default -> Optional.empty();
        };
    }

    /** The algorithm a {@code Signature} header names ({@code algorithm=RSA256}); empty when it is none of ours. */
    public static Optional<SignatureAlgorithm> named(String headerName) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.name().equals(headerName)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}

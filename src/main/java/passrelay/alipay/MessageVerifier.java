package passrelay.alipay;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/** Verifies signatures with a peer's public key. Thread-safe. */
public final class MessageVerifier {
    private final SignatureAlgorithm algorithm;
    private final PublicKey publicKey;
    private final CryptoChoice crypto;

    /** On the JDK path (Bouncy Castle for ECC224). */
    public MessageVerifier(SignatureAlgorithm algorithm, PublicKey publicKey) {
        this(algorithm, publicKey, CryptoChoice.jdk());
    }

    public MessageVerifier(SignatureAlgorithm algorithm, PublicKey publicKey, CryptoChoice crypto) {
        this.algorithm = Objects.requireNonNull(algorithm);
        this.crypto = Objects.requireNonNull(crypto);
        this.publicKey = crypto.adopt(Objects.requireNonNull(publicKey));
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** True only for a well-formed Base64 signature that verifies over exactly these bytes. */
    public boolean verify(byte[] content, String signatureBase64) {
        try {
            byte[] signatureBytes = Base64.getDecoder().decode(signatureBase64);
            Signature signature = crypto.newSignature(algorithm);
            signature.initVerify(publicKey);
            signature.update(content);
            return signature.verify(signatureBytes);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}

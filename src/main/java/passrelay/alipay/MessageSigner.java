package passrelay.alipay;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/** Signs content with our private key. Thread-safe: a new {@link Signature} per call. */
public final class MessageSigner {
    private final SignatureAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final CryptoChoice crypto;

    /** On the JDK path (Bouncy Castle for ECC224). */
    public MessageSigner(SignatureAlgorithm algorithm, PrivateKey privateKey) {
        this(algorithm, privateKey, CryptoChoice.jdk());
    }

    public MessageSigner(SignatureAlgorithm algorithm, PrivateKey privateKey, CryptoChoice crypto) {
        this.algorithm = Objects.requireNonNull(algorithm);
        this.crypto = Objects.requireNonNull(crypto);
        this.privateKey = crypto.adopt(Objects.requireNonNull(privateKey));
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** Base64 (standard alphabet, padded) of the signature bytes. */
    public String sign(byte[] content) {
        try {
            Signature signature = crypto.newSignature(algorithm);
            signature.initSign(privateKey);
            signature.update(content);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "MessageSigner[" + algorithm + ", " + crypto.label() + "]";
    }
}

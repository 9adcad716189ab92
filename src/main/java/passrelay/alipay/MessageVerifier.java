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

    public MessageVerifier(SignatureAlgorithm algorithm, PublicKey publicKey) {
        this.algorithm = Objects.requireNonNull(algorithm);
        this.publicKey = Objects.requireNonNull(publicKey);
    }

    /** True only for a well-formed Base64 signature that verifies over exactly these bytes. */
    public boolean verify(byte[] content, String signatureBase64) {
        try {
            byte[] signatureBytes = Base64.getDecoder().decode(signatureBase64);
            Signature signature = algorithm.newSignature();
            signature.initVerify(publicKey);
            signature.update(content);
            return signature.verify(signatureBytes);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}

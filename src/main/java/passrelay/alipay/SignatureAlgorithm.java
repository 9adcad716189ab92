package passrelay.alipay;

import java.security.GeneralSecurityException;
import java.security.Signature;

/** The signature algorithms of AlipayHK's gateway, by the names its {@code Signature} header uses. */
public enum SignatureAlgorithm {
    /** SHA256withRSA, PKCS#1 v1.5, 2048-bit key. */
    RSA256("SHA256withRSA", "RSA"),
    /** SHA224withECDSA over NIST P-224, DER-encoded; the JDK lacks P-224, so Bouncy Castle does it. */
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

    Signature newSignature() throws GeneralSecurityException {
        return this == ECC224
                ? Signature.getInstance(jcaName, CryptoProvider.bouncyCastle())
                : Signature.getInstance(jcaName);
    }
}

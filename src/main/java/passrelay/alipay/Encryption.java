package passrelay.alipay;

/** Whether request and response bodies are encrypted. */
public enum Encryption {
    NONE,
    /** A fresh AES-256 key per request, wrapped with RSA; see {@link RsaAesEnvelope}. */
    RSA_AES
}

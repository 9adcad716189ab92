package passrelay.alipay;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * RSA_AES body encryption, kept in this one class: AlipayHK's pages stop short of the AES mode, so
 * this follows the gateway family's published scheme (SPEC section 3). A fresh AES-256 key per
 * message; body = Base64(AES/ECB/PKCS5Padding(plain)); the key travels RSA/ECB/PKCS1Padding-wrapped
 * with the receiver's public key, Base64 then URL-encoded, in the {@code Encrypt} header.
 */
public final class RsaAesEnvelope {
    public static final String ALGORITHM = "RSA_AES";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RsaAesEnvelope() {
    }

    /** An encrypted body and the {@code symmetricKey=} value (already URL-encoded) for its header. */
    public record Sealed(String body, String symmetricKey) {
        /** The whole {@code Encrypt} header value. */
        public String encryptHeader(java.util.Optional<String> keyVersion) {
            StringBuilder value = new StringBuilder("algorithm=").append(ALGORITHM);
            keyVersion.ifPresent(version -> value.append(",keyVersion=").append(version));
            return value.append(",symmetricKey=").append(symmetricKey).toString();
        }
    }

    public static Sealed seal(byte[] plain, PublicKey receiverKey) {
        try {
            byte[] aesKey = new byte[32];
            RANDOM.nextBytes(aesKey);
            Cipher aes = Cipher.getInstance("AES/ECB/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
            String body = Base64.getEncoder().encodeToString(aes.doFinal(plain));
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, receiverKey);
            String wrapped = Base64.getEncoder().encodeToString(rsa.doFinal(aesKey));
            return new Sealed(body, URLEncoder.encode(wrapped, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA_AES encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Opens a sealed body with our private key, given the {@code Encrypt} header value.
     *
     * @throws GeneralSecurityException when the header, key or body does not decrypt
     */
    public static byte[] open(String body, String encryptHeader, PrivateKey ownKey) throws GeneralSecurityException {
        String symmetricKey = null;
        for (String part : encryptHeader == null ? new String[0] : encryptHeader.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals("symmetricKey")) {
                symmetricKey = part.substring(eq + 1).strip();
            }
        }
        if (symmetricKey == null || symmetricKey.isEmpty()) {
            throw new GeneralSecurityException("Encrypt header has no symmetricKey");
        }
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, ownKey);
            byte[] aesKey = rsa.doFinal(Base64.getDecoder().decode(URLDecoder.decode(symmetricKey, StandardCharsets.UTF_8)));
            Cipher aes = Cipher.getInstance("AES/ECB/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
            return aes.doFinal(Base64.getDecoder().decode(body.strip()));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("malformed Base64 in encrypted message", e);
        }
    }
}

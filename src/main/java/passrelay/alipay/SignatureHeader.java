package passrelay.alipay;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code Signature} header: {@code algorithm=RSA256,keyVersion=1,signature=<URL-encoded Base64>}.
 * {@code keyVersion} is omitted when unset.
 */
public record SignatureHeader(String algorithm, Optional<String> keyVersion, String signatureBase64) {

    public String format() {
        StringBuilder value = new StringBuilder("algorithm=").append(algorithm);
        keyVersion.ifPresent(version -> value.append(",keyVersion=").append(version));
        return value.append(",signature=").append(URLEncoder.encode(signatureBase64, StandardCharsets.UTF_8)).toString();
    }

    /** Parses a header value; empty when it has no {@code signature=} part. */
    public static Optional<SignatureHeader> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        String algorithm = null;
        String keyVersion = null;
        String signature = null;
        for (String part : headerValue.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            switch (name) {
                case "algorithm" -> algorithm = value;
                case "keyVersion" -> keyVersion = value;
                case "signature" -> signature = value;
                default -> { }
            }
        }
        if (signature == null || signature.isEmpty()) {
            return Optional.empty();
        }
        try {
            String base64 = URLDecoder.decode(signature, StandardCharsets.UTF_8);
            return Optional.of(new SignatureHeader(algorithm, Optional.ofNullable(keyVersion), base64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

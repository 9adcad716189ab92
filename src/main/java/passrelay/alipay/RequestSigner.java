package passrelay.alipay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Turns a serialized updatePass body into the request AlipayHK expects: encrypted if configured, then signed. */
final class RequestSigner {
    /** ISO-8601 with millis and a numeric offset, in the clock's zone ({@code +00:00} rather than {@code Z}). */
    static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");
    static final String JSON_CONTENT = "application/json; charset=UTF-8";
    static final String ENCRYPTED_CONTENT = "text/plain; charset=UTF-8";

    private final URI endpoint;
    private final String clientId;
    private final Optional<String> keyVersion;
    private final MessageSigner signer;
    private final Optional<PublicKey> encryptionKey;
    private final Clock clock;

    /** {@code encryptionKey} is AlipayHK's public key when RSA_AES is on, empty otherwise. */
    RequestSigner(URI endpoint, String clientId, Optional<String> keyVersion, MessageSigner signer,
                  Optional<PublicKey> encryptionKey, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint);
        this.clientId = Objects.requireNonNull(clientId);
        this.keyVersion = Objects.requireNonNull(keyVersion);
        this.signer = Objects.requireNonNull(signer);
        this.encryptionKey = Objects.requireNonNull(encryptionKey);
        this.clock = Objects.requireNonNull(clock);
    }

    SignedRequest sign(byte[] json) {
        Map<String, String> headers = new LinkedHashMap<>();
        String requestTime = REQUEST_TIME.format(ZonedDateTime.now(clock));
        byte[] body = json;
        headers.put("Client-Id", clientId);
        headers.put("Content-Type", encryptionKey.isPresent() ? ENCRYPTED_CONTENT : JSON_CONTENT);
        headers.put("Request-Time", requestTime);
        String encryptHeader = null;
        if (encryptionKey.isPresent()) {
            RsaAesEnvelope.Sealed sealed = RsaAesEnvelope.seal(json, encryptionKey.get());
            body = sealed.body().getBytes(StandardCharsets.UTF_8);
            encryptHeader = sealed.encryptHeader(keyVersion);
        }
        String signature = signer.sign(SigningContent.of("POST", UpdatePassClient.PATH, clientId, requestTime, body));
        headers.put("Signature", new SignatureHeader(signer.algorithm().name(), keyVersion, signature).format());
        if (encryptHeader != null) {
            headers.put("Encrypt", encryptHeader);
        }
        return new SignedRequest(endpoint, headers, body);
    }

    @Override
    public String toString() {
        return "RequestSigner[" + endpoint + ", " + clientId + ", " + signer.algorithm()
                + (encryptionKey.isPresent() ? ", RSA_AES" : "") + "]";
    }
}

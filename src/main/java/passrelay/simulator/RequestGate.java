package passrelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import passrelay.alipay.MessageVerifier;
import passrelay.alipay.RsaAesEnvelope;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.alipay.SignatureHeader;
import passrelay.alipay.SigningContent;
import passrelay.alipay.UpdatePassClient;

/**
 * The gateway's checks, in AlipayHK's order: API, method, client, request time, media type,
 * signature, decryption, JSON body. A body that does not decrypt is answered
 * {@code INVALID_SIGNATURE}: like a bad signature it means wrong keys, which is the caller's
 * configuration and not the event's fault.
 */
final class RequestGate {
    private final String clientId;
    private final SignatureAlgorithm algorithm;
    private final Optional<MessageVerifier> verifier;
    private final Optional<PrivateKey> decryptionKey;
    private final ObjectMapper json;

    RequestGate(String clientId, SignatureAlgorithm algorithm, Optional<MessageVerifier> verifier,
                Optional<PrivateKey> decryptionKey, ObjectMapper json) {
        this.clientId = clientId;
        this.algorithm = algorithm;
        this.verifier = verifier;
        this.decryptionKey = decryptionKey;
        this.json = json;
    }

    record Request(String method, String path, Headers headers, byte[] body) {
    }

    /** What the gate let through, or the F answer it refused with. */
    sealed interface Verdict {
    }

    record Passed(ObjectNode update, boolean encrypted) implements Verdict {
    }

    record Refused(Reply.Result answer) implements Verdict {
    }

    Verdict check(Request request) {
        if (!request.path().equals(UpdatePassClient.PATH)) {
            return new Refused(new Reply.Result(404, "F", "INVALID_API", "no API at " + request.path()));
        }
        if (!request.method().equals("POST")) {
            return refuse("METHOD_NOT_SUPPORTED", request.method() + " is not supported, use POST");
        }
        Headers headers = request.headers();
        if (!clientId.equals(headers.getFirst("Client-Id"))) {
            return refuse("INVALID_CLIENT", "unknown Client-Id");
        }
        String requestTime = headers.getFirst("Request-Time");
        Optional<String> badTime = checkRequestTime(requestTime);
        if (badTime.isPresent()) {
            return refuse("PARAM_ILLEGAL", badTime.get());
        }
        String encrypt = headers.getFirst("Encrypt");
        if (!acceptableMediaType(headers.getFirst("Content-Type"), encrypt != null)) {
            return refuse("MEDIA_TYPE_NOT_ACCEPTABLE", "Content-Type must be application/json"
                    + (encrypt != null ? " or text/plain" : ""));
        }
        Optional<String> badSignature = checkSignature(headers.getFirst("Signature"), request.path(), requestTime,
                request.body());
        if (badSignature.isPresent()) {
            return refuse("INVALID_SIGNATURE", badSignature.get());
        }
        return encrypt == null ? parse(request.body(), false) : decrypt(request.body(), encrypt);
    }

    private static Optional<String> checkRequestTime(String requestTime) {
        if (requestTime == null || requestTime.isBlank()) {
            return Optional.of("Request-Time header is required");
        }
        try {
            OffsetDateTime.parse(requestTime);
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("Request-Time header is not ISO-8601 with an offset");
        }
    }

    private static boolean acceptableMediaType(String contentType, boolean encrypted) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || encrypted && type.equals("text/plain");
    }

    private Optional<String> checkSignature(String header, String path, String requestTime, byte[] body) {
        if (verifier.isEmpty()) {
            return Optional.empty();
        }
        Optional<SignatureHeader> signature = SignatureHeader.parse(header);
        if (signature.isEmpty()) {
            return Optional.of("Signature header is missing or has no signature");
        }
        if (!algorithm.name().equals(signature.get().algorithm())) {
            return Optional.of("Signature algorithm must be " + algorithm);
        }
        byte[] content = SigningContent.of("POST", path, clientId, requestTime, body);
        return verifier.get().verify(content, signature.get().signatureBase64())
                ? Optional.empty()
                : Optional.of("signature does not verify");
    }

    private Verdict decrypt(byte[] body, String encryptHeader) {
        if (!encryptHeader.contains("algorithm=" + RsaAesEnvelope.ALGORITHM)) {
            return refuse("INVALID_SIGNATURE", "Encrypt algorithm must be " + RsaAesEnvelope.ALGORITHM);
        }
        if (decryptionKey.isEmpty()) {
            return refuse("INVALID_SIGNATURE", "encrypted request, but the simulator has no RSA private key");
        }
        try {
            byte[] plain = RsaAesEnvelope.open(new String(body, StandardCharsets.UTF_8), encryptHeader,
                    decryptionKey.get());
            return parse(plain, true);
        } catch (GeneralSecurityException e) {
            return refuse("INVALID_SIGNATURE", "the body does not decrypt");
        }
    }

    private Verdict parse(byte[] body, boolean encrypted) {
        try {
            JsonNode node = json.readTree(body);
            if (node instanceof ObjectNode update) {
                return new Passed(update, encrypted);
            }
        } catch (IOException e) {
            // answered below, like any body that is not an object
        }
        return refuse("PARAM_ILLEGAL", "request body is not a JSON object");
    }

    private static Refused refuse(String code, String message) {
        return new Refused(Reply.Result.rejected(code, message));
    }
}

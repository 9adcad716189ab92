package passrelay.alipay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes what it can of a response, in the order SPEC section 3 sets: verify the signature over the raw
 * bytes (when AlipayHK's public key is configured), then decrypt (when the response says it is
 * encrypted), then parse.
 */
final class ResponseReader {
    private final String ourClientId;
    private final Optional<MessageVerifier> verifier;
    private final PrivateKey ourKey;
    private final ObjectMapper json;

    ResponseReader(String ourClientId, Optional<MessageVerifier> verifier, PrivateKey ourKey, ObjectMapper json) {
        this.ourClientId = Objects.requireNonNull(ourClientId);
        this.verifier = Objects.requireNonNull(verifier);
        this.ourKey = Objects.requireNonNull(ourKey);
        this.json = Objects.requireNonNull(json);
    }

    ReceivedResponse read(int status, HttpHeaders headers, byte[] body) {
        Optional<String> signatureProblem = verifier.flatMap(v -> signatureProblem(v, headers, body));
        if (signatureProblem.isPresent()) {
            return new ReceivedResponse(status, headers, body, Optional.empty(), ResponseTrust.FAILED,
                    new ResponseContent.Untrusted(signatureProblem.get()));
        }
        ResponseTrust trust = verifier.isPresent() ? ResponseTrust.VERIFIED : ResponseTrust.NOT_CHECKED;
        Optional<String> encrypt = headers.firstValue("Encrypt");
        if (encrypt.isEmpty()) {
            return new ReceivedResponse(status, headers, body, Optional.empty(), trust, ResultInfo.parse(body, json));
        }
        try {
            byte[] plain = RsaAesEnvelope.open(new String(body, StandardCharsets.UTF_8), encrypt.get(), ourKey);
            return new ReceivedResponse(status, headers, body, Optional.of(new String(plain, StandardCharsets.UTF_8)),
                    trust, ResultInfo.parse(plain, json));
        } catch (GeneralSecurityException | RuntimeException e) {
            return new ReceivedResponse(status, headers, body, Optional.empty(), trust,
                    new ResponseContent.Untrusted("encrypted response does not decrypt (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private Optional<String> signatureProblem(MessageVerifier verifier, HttpHeaders headers, byte[] body) {
        Optional<String> header = headers.firstValue("Signature");
        if (header.isEmpty()) {
            return Optional.of("response has no Signature header");
        }
        Optional<SignatureHeader> signature = SignatureHeader.parse(header.get());
        if (signature.isEmpty()) {
            return Optional.of("response Signature header has no signature value");
        }
        Optional<String> responseTime = headers.firstValue("Response-Time");
        if (responseTime.isEmpty()) {
            return Optional.of("response has no Response-Time header");
        }
        String clientId = headers.firstValue("Client-Id").orElse(ourClientId);
        byte[] content = SigningContent.of("POST", UpdatePassClient.PATH, clientId, responseTime.get(), body);
        return verifier.verify(content, signature.get().signatureBase64())
                ? Optional.empty()
                : Optional.of("response signature does not verify");
    }
}

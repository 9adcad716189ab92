package passrelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import passrelay.alipay.MessageVerifier;
import passrelay.alipay.RsaAesEnvelope;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.alipay.SignatureHeader;
import passrelay.alipay.SigningContent;
import passrelay.alipay.UpdatePassClient;

/** One raw HTTP answer from the simulator, with the checks a client would make on it. */
record RawResponse(int status, HttpHeaders headers, byte[] body, long elapsedMillis) {

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode result() {
        try {
            return Updates.JSON.readTree(body).get("result");
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON answer: " + text(), e);
        }
    }

    String resultStatus() {
        return result().get("resultStatus").asText();
    }

    String resultCode() {
        return result().get("resultCode").asText();
    }

    String resultMessage() {
        return result().get("resultMessage").asText();
    }

    /** True when the Signature header verifies over the raw body with the simulator's public key. */
    boolean signatureVerifies(SignatureAlgorithm algorithm, PublicKey simulatorKey, String clientId) {
        Optional<SignatureHeader> signature = SignatureHeader.parse(header("Signature").orElse(null));
        if (signature.isEmpty() || !algorithm.name().equals(signature.get().algorithm())) {
            return false;
        }
        byte[] content = SigningContent.of("POST", UpdatePassClient.PATH, clientId,
                header("Response-Time").orElseThrow(), body);
        return new MessageVerifier(algorithm, simulatorKey).verify(content, signature.get().signatureBase64());
    }

    /** The answer of an encrypted request, opened with the client's private key. */
    RawResponse opened(PrivateKey clientKey) throws java.security.GeneralSecurityException {
        byte[] plain = RsaAesEnvelope.open(text(), header("Encrypt").orElseThrow(), clientKey);
        return new RawResponse(status, headers, plain, elapsedMillis);
    }
}

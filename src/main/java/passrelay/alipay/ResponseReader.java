package passrelay.alipay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes what it can of a response, in the order SPEC section 3 sets: verify the signature over the raw
 * bytes (when AlipayHK's public key is configured), then decrypt (when the response says it is
 * encrypted), then parse.
 *
 * <p>The signature is checked over our own Client-Id, as Alipay's SDK does: an answer signed for another
 * client is not an answer to us, whatever its {@code Client-Id} header says. The algorithm is the one the
 * key is for; the header's {@code algorithm=} must agree with it. A signed answer whose
 * {@code Response-Time} is further than {@link #MAX_CLOCK_SKEW} from our clock is refused too: the body
 * names no request, so a genuine old answer replayed by someone in the way would otherwise pass.
 */
final class ResponseReader {
    /** How far AlipayHK's Response-Time may be from our clock, either way. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final String ourClientId;
    private final Optional<MessageVerifier> verifier;
    private final PrivateKey ourKey;
    private final ObjectMapper json;
    private final Clock clock;

    ResponseReader(String ourClientId, Optional<MessageVerifier> verifier, PrivateKey ourKey, ObjectMapper json,
                   Clock clock) {
        this.clock = Objects.requireNonNull(clock);
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
        Optional<String> algorithmProblem = algorithmProblem(signature.get().algorithm(), verifier.algorithm());
        if (algorithmProblem.isPresent()) {
            return algorithmProblem;
        }
        Optional<String> responseTime = headers.firstValue("Response-Time");
        if (responseTime.isEmpty()) {
            return Optional.of("response has no Response-Time header");
        }
        byte[] content = SigningContent.of("POST", UpdatePassClient.PATH, ourClientId, responseTime.get(), body);
        if (verifier.verify(content, signature.get().signatureBase64())) {
            return staleness(responseTime.get());
        }
        boolean forAnotherClient = headers.firstValue("Client-Id").filter(id -> !id.equals(ourClientId)).isPresent();
        return Optional.of(forAnotherClient
                ? "response signature does not verify over our Client-Id (the response names another client)"
                : "response signature does not verify");
    }

    /** A verified answer is still refused when its Response-Time is unreadable or too far from our clock. */
    private Optional<String> staleness(String responseTime) {
        final Instant answeredAt;
        try {
            answeredAt = OffsetDateTime.parse(responseTime).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.of("response Response-Time is not an ISO-8601 time with an offset");
        }
        Duration away = Duration.between(answeredAt, clock.instant()).abs();
        if (away.compareTo(MAX_CLOCK_SKEW) > 0) {
            return Optional.of("response Response-Time is " + away.toSeconds() + " s from our clock (more than "
                    + MAX_CLOCK_SKEW.toSeconds() + " s): a replayed answer, or a clock that is wrong");
        }
        return Optional.empty();
    }

    /** A header without {@code algorithm=} is checked with the key's algorithm; one naming another is refused. */
    private static Optional<String> algorithmProblem(String named, SignatureAlgorithm keyIsFor) {
        if (named == null || named.isEmpty()) {
            return Optional.empty();
        }
        Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.named(named);
        if (algorithm.isEmpty()) {
            return Optional.of("response Signature header names an unknown algorithm");
        }
        if (algorithm.get() != keyIsFor) {
            return Optional.of("response is signed with " + algorithm.get() + ", but AlipayHK's public key is an "
                    + keyIsFor.keyAlgorithm() + " key (" + keyIsFor + ")");
        }
        return Optional.empty();
    }
}

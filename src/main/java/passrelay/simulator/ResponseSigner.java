package passrelay.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import passrelay.alipay.MessageSigner;
import passrelay.alipay.RsaAesEnvelope;
import passrelay.alipay.SignatureHeader;
import passrelay.alipay.SigningContent;

/**
 * Turns a {@link Reply} into response bytes and headers as AlipayHK sends them: a {@code result}
 * body, encrypted for the client when its request was, then signed over the bytes sent.
 */
final class ResponseSigner {
    /** As in AlipayHK's examples: {@code 2026-11-25T18:15:30.123+08:00}, never {@code Z}. */
    static final DateTimeFormatter RESPONSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
    /** How old the Response-Time of a {@link ForgeKind#STALE_TIME} answer is: twice a 5-minute skew allowance. */
    static final Duration STALE_BY = Duration.ofMinutes(10);
    private static final String ERROR_PAGE = "<html><head><title>%d</title></head>"
            + "<body><h1>%d</h1><p>The server is temporarily unable to service your request.</p></body></html>";

    private final String clientId;
    private final Optional<MessageSigner> signer;
    private final Optional<String> keyVersion;
    private final Optional<PublicKey> encryptionKey;
    private final Clock clock;
    private final ObjectMapper json;
    private final String tracerPrefix;
    private final AtomicLong tracerCounter = new AtomicLong();
    /** With cached signatures: this second's signatures by signed content; empty otherwise. */
    private final Optional<SignatureCache> cache;

    ResponseSigner(String clientId, Optional<MessageSigner> signer, Optional<String> keyVersion,
                   Optional<PublicKey> encryptionKey, Clock clock, ObjectMapper json, long tracerSeed,
                   boolean cachedSignatures) {
        this.cache = cachedSignatures ? Optional.of(new SignatureCache()) : Optional.empty();
        this.clientId = clientId;
        this.signer = signer;
        this.keyVersion = keyVersion;
        this.encryptionKey = encryptionKey;
        this.clock = clock;
        this.json = json;
        this.tracerPrefix = "sim" + Long.toHexString(tracerSeed & 0xffffffffL);
    }

    /** {@code encryptFor}: the request was encrypted, so the answer is too when the client has an RSA key. */
    PreparedResponse prepare(String path, Reply.Result result, boolean encryptFor) {
        byte[] plain = resultBody(result);
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = plain;
        if (encryptFor && encryptionKey.isPresent()) {
            RsaAesEnvelope.Sealed sealed = RsaAesEnvelope.seal(plain, encryptionKey.get());
            body = sealed.body().getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "text/plain; charset=UTF-8");
            headers.put("Encrypt", sealed.encryptHeader(keyVersion));
        } else {
            headers.put("Content-Type", "application/json; charset=UTF-8");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String responseTime = (cache.isPresent() ? now.truncatedTo(ChronoUnit.SECONDS) : now).format(RESPONSE_TIME);
        stamp(headers, responseTime, tracerPrefix);
        signature(path, responseTime, body).ifPresent(value -> headers.put("Signature", value));
        return new PreparedResponse(result.httpStatus(), headers, body);
    }

    /**
     * A forged answer, always plain JSON. {@link InjectedFault#FORGED_SIGNATURE}: the claimed body under a genuine
     * signature of another body (a U answer) at the same Response-Time, as if copied from an earlier answer.
     * {@link InjectedFault#STALE_RESPONSE_TIME}: the claimed body genuinely signed, with a Response-Time
     * {@link #STALE_BY} in the past, as a replayed answer would carry.
     */
    PreparedResponse forge(String path, Reply.Forged forged) {
        byte[] body = resultBody(forged.claimed());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=UTF-8");
        boolean stale = forged.how() == InjectedFault.STALE_RESPONSE_TIME;
        String responseTime = OffsetDateTime.now(clock).minus(stale ? STALE_BY : Duration.ZERO).format(RESPONSE_TIME);
        stamp(headers, responseTime, ForgeKind.TRACER_PREFIX);
        byte[] signedBody = stale ? body
                : resultBody(Reply.Result.unknown("UNKNOWN_EXCEPTION", "an unknown exception occurred"));
        signature(path, responseTime, signedBody).ifPresent(value -> headers.put("Signature", value));
        return new PreparedResponse(forged.httpStatus(), headers, body);
    }

    private void stamp(Map<String, String> headers, String responseTime, String tracerIdPrefix) {
        headers.put("Client-Id", clientId);
        headers.put("Response-Time", responseTime);
        headers.put("Tracer-Id", tracerIdPrefix + String.format("%012d", tracerCounter.incrementAndGet()));
    }

    /** The Signature header over {@code body} at {@code responseTime}; empty when the simulator does not sign. */
    private Optional<String> signature(String path, String responseTime, byte[] body) {
        return signer.map(s -> new SignatureHeader(s.algorithm().name(), keyVersion,
                sign(s, responseTime, SigningContent.of("POST", path, clientId, responseTime, body))).format());
    }

    PreparedResponse errorPage(int status) {
        return new PreparedResponse(status, Map.of("Content-Type", "text/html; charset=UTF-8"),
                ERROR_PAGE.formatted(status, status).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] resultBody(Reply.Result result) {
        ObjectNode body = json.createObjectNode();
        body.putObject("result")
                .put("resultStatus", result.resultStatus())
                .put("resultCode", result.resultCode())
                .put("resultMessage", result.resultMessage());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result body", e);
        }
    }

    private String sign(MessageSigner signer, String responseTime, byte[] content) {
        return cache.map(c -> c.signature(responseTime, content, signer)).orElseGet(() -> signer.sign(content));
    }

    /** One signature per distinct content within a second: the same content needs no second signature to verify. */
    private static final class SignatureCache {
        private final Map<String, String> signatures = new ConcurrentHashMap<>();
        private volatile String second = "";

        String signature(String responseTime, byte[] content, MessageSigner signer) {
            if (!responseTime.equals(second)) {
                signatures.clear(); // a racing thread may sign once more: harmless
                second = responseTime;
            }
            return signatures.computeIfAbsent(new String(content, StandardCharsets.ISO_8859_1),
                    key -> signer.sign(content));
        }
    }
}

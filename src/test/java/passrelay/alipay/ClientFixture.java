package passrelay.alipay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import passrelay.config.AlipaySettings;

/** Settings, keys and bodies shared by the client tests. */
final class ClientFixture {
    static final String CLIENT_ID = "4Q5Y8W0WSG45P907917";
    static final ObjectMapper JSON = new ObjectMapper();
    /** 10:15:30.123Z is 18:15:30.123 in Hong Kong. */
    static final Clock HONG_KONG_CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:15:30.123Z"), ZoneId.of("Asia/Hong_Kong"));
    static final String RESPONSE_TIME = "2026-11-25T18:15:30.456+08:00";

    private ClientFixture() {
    }

    static AlipaySettings settings(URI baseUrl, Encryption encryption, Duration timeout) {
        return new AlipaySettings(baseUrl, CLIENT_ID, Optional.empty(), Path.of("not-read-by-the-constructor"),
                Optional.empty(), SignatureAlgorithm.RSA256, Optional.of("1"), encryption, timeout);
    }

    static ObjectNode update() {
        try {
            return (ObjectNode) JSON.readTree("{\"merchantId\":\"2160120041113167\",\"userId\":\"2160120037098191\","
                    + "\"passId\":\"2024121119027102160253009674363\",\"status\":\"USED\"}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resultBody(String status, String code) {
        return ("{\"result\":{\"resultStatus\":\"" + status + "\",\"resultCode\":\"" + code
                + "\",\"resultMessage\":\"" + code.toLowerCase() + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A reply signed the way AlipayHK signs responses, with {@code alipay}'s private key. */
    static LocalHttpServer.Reply signedReply(KeyPair alipay, byte[] body, Map<String, String> extraHeaders) {
        return ReplySigning.rsa256(alipay).reply(body, extraHeaders);
    }

    /**
     * How a test answer is signed: with which key and algorithm, what its {@code Signature} header says the
     * algorithm is (null: nothing), and over which Client-Id (also the answer's {@code Client-Id} header,
     * unless the extra headers say otherwise), at which {@code Response-Time}.
     */
    record ReplySigning(PrivateKey key, SignatureAlgorithm algorithm, String headerAlgorithm, String clientId,
                        String responseTime) {
        ReplySigning(PrivateKey key, SignatureAlgorithm algorithm, String headerAlgorithm, String clientId) {
            this(key, algorithm, headerAlgorithm, clientId, RESPONSE_TIME);
        }

        static ReplySigning rsa256(KeyPair alipay) {
            return new ReplySigning(alipay.getPrivate(), SignatureAlgorithm.RSA256, "RSA256", CLIENT_ID);
        }

        ReplySigning forClient(String value) {
            return new ReplySigning(key, algorithm, headerAlgorithm, value, responseTime);
        }

        ReplySigning namingAlgorithm(String value) {
            return new ReplySigning(key, algorithm, value, clientId, responseTime);
        }

        ReplySigning answeredAt(String value) {
            return new ReplySigning(key, algorithm, headerAlgorithm, clientId, value);
        }

        LocalHttpServer.Reply reply(byte[] body, Map<String, String> extraHeaders) {
            return reply(body, extraHeaders, CryptoChoice.jdk());
        }

        LocalHttpServer.Reply reply(byte[] body, Map<String, String> extraHeaders, CryptoChoice crypto) {
            byte[] content = SigningContent.of("POST", UpdatePassClient.PATH, clientId, responseTime, body);
            String signature = new MessageSigner(algorithm, key, crypto).sign(content);
            String signatureHeader = new SignatureHeader(headerAlgorithm, Optional.of("1"), signature).format();
            Map<String, String> headers = new HashMap<>();
            headers.put("Content-Type", "application/json; charset=UTF-8");
            headers.put("Client-Id", clientId);
            headers.put("Response-Time", responseTime);
            headers.put("Signature", headerAlgorithm == null // no algorithm= part at all
                    ? signatureHeader.substring(signatureHeader.indexOf(',') + 1) : signatureHeader);
            headers.putAll(extraHeaders);
            return new LocalHttpServer.Reply(200, headers, body);
        }
    }
}

package passrelay.alipay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
        byte[] content = SigningContent.of("POST", UpdatePassClient.PATH, CLIENT_ID, RESPONSE_TIME, body);
        String signature = new MessageSigner(SignatureAlgorithm.RSA256, alipay.getPrivate()).sign(content);
        java.util.Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json; charset=UTF-8");
        headers.put("Client-Id", CLIENT_ID);
        headers.put("Response-Time", RESPONSE_TIME);
        headers.put("Signature", new SignatureHeader("RSA256", Optional.of("1"), signature).format());
        return new LocalHttpServer.Reply(200, headers, body);
    }
}

package passrelay.alipay;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A response as it came back, with what was made of it. {@code headers} look names up
 * case-insensitively; {@code decryptedBody} is there when the response carried an {@code Encrypt} header
 * and opened.
 */
public record ReceivedResponse(int status, HttpHeaders headers, byte[] body, Optional<String> decryptedBody,
                               ResponseTrust trust, ResponseContent content) {

    public Optional<String> tracerId() {
        return headers.firstValue("Tracer-Id");
    }
}

package passrelay.alipay;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One updatePass request as it goes on the wire: the headers in sending order and the exact body bytes signed. */
public record SignedRequest(URI uri, Map<String, String> headers, byte[] body) {
    public SignedRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}

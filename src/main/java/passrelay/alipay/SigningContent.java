package passrelay.alipay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes AlipayHK signs, for requests and responses alike:
 * {@code <METHOD> <path>\n<Client-Id>.<time>.<body>}, with the exact body bytes sent.
 */
public final class SigningContent {
    private SigningContent() {
    }

    public static byte[] of(String method, String path, String clientId, String time, byte[] body) {
        byte[] head = (method + " " + path + "\n" + clientId + "." + time + ".").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }
}

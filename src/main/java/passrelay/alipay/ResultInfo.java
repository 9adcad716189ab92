package passrelay.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** AlipayHK's {@code resultInfo} (or {@code result}) object: what the gateway says it did. */
public record ResultInfo(String resultStatus, String resultCode, String resultMessage) {

    /** Reads a (decrypted) response body; anything without a status and code is {@link ResponseContent.Unparseable}. */
    static ResponseContent parse(byte[] body, ObjectMapper json) {
        final JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return new ResponseContent.Unparseable("response body is not JSON");
        }
        if (root == null || !root.isObject()) {
            return new ResponseContent.Unparseable("response body is not a JSON object");
        }
        JsonNode info = root.has("resultInfo") ? root.get("resultInfo") : root.get("result");
        if (info == null || !info.isObject()) {
            return new ResponseContent.Unparseable("response has no resultInfo object");
        }
        String status = text(info, "resultStatus");
        String code = text(info, "resultCode");
        if (status == null || code == null) {
            return new ResponseContent.Unparseable("resultInfo lacks " + (status == null ? "resultStatus" : "resultCode"));
        }
        String message = text(info, "resultMessage");
        return new ResponseContent.Result(new ResultInfo(status, code, message == null ? "" : message));
    }

    private static String text(JsonNode info, String field) {
        JsonNode value = info.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }
}

package passrelay.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies that keep the field rules, for the status asked for. */
public final class Updates {
    static final ObjectMapper JSON = new ObjectMapper();

    private Updates() {
    }

    public static ObjectNode update(String passId, String status) {
        ObjectNode update = JSON.createObjectNode()
                .put("merchantId", "2160120041113167")
                .put("userId", "2160120037098191")
                .put("passId", passId)
                .put("status", status);
        if (status.equals("UPDATE")) {
            update.put("updateDetailType", "UPDATE_MOVIE").put("bizDate", 1764065730123L);
            update.putObject("dataInfo").put("seat", "A7");
        }
        return update;
    }

    static String json(ObjectNode update) {
        return update.toString();
    }
}

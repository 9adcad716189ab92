package passrelay.simulator;

import java.util.Map;

/** A response ready to write: status, headers and the exact body bytes that were signed. */
record PreparedResponse(int status, Map<String, String> headers, byte[] body) {
}

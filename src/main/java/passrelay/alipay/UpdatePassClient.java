package passrelay.alipay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * Calls AlipayHK's updatePass. Never completes exceptionally: transport errors, timeouts and bad
 * responses are {@link CallOutcome.Unknown}. No thread blocks per call.
 */
public interface UpdatePassClient extends AutoCloseable {
    String PATH = "/api/open/alipay/v1/ipass/pass/manage/updatePass";

    /**
     * Sends {@code update} as the request body (serialized once; those exact bytes are signed). The node is read
     * later, on another thread: it must not change once handed over.
     */
    CompletableFuture<CallOutcome> updatePass(ObjectNode update);

    @Override
    void close();
}

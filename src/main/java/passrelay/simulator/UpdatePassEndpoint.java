package passrelay.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request that is not for {@code /admin/}: an outage answers first, then the gate checks the
 * request, then the desk serves it. The answer leaves after the configured latency.
 */
final class UpdatePassEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UpdatePassEndpoint.class);

    private final RequestGate gate;
    private final UpdateDesk desk;
    private final Faults faults;
    private final ResponseSigner signer;
    private final ReplyScheduler scheduler;
    private final PassOverlaps overlaps;

    UpdatePassEndpoint(RequestGate gate, UpdateDesk desk, Faults faults, ResponseSigner signer,
                       ReplyScheduler scheduler, PassOverlaps overlaps) {
        this.overlaps = overlaps;
        this.gate = gate;
        this.desk = desk;
        this.faults = faults;
        this.signer = signer;
        this.scheduler = scheduler;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        Runnable answered = () -> { };
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long latencyMs = faults.snapshot().latencyMs();
            RequestGate.Verdict verdict = gate.check(
                    new RequestGate.Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
            if (verdict instanceof RequestGate.Passed passed) {
                answered = overlaps.arrived(passed.update().path("passId").asText(""), body);
            }
            if (faults.outageActive()) {
                Reply outage = new Reply.ErrorPage(503);
                if (verdict instanceof RequestGate.Passed passed) {
                    desk.recordOutage(passed.update(), outage);
                }
                send(exchange, path, outage, false, latencyMs, answered);
            } else if (verdict instanceof RequestGate.Passed passed) {
                send(exchange, path, desk.serve(passed.update()), passed.encrypted(), latencyMs, answered);
            } else {
                send(exchange, path, ((RequestGate.Refused) verdict).answer(), false, latencyMs, answered);
            }
        } catch (IOException clientWentAway) {
            answered.run();
            exchange.close();
        } catch (RuntimeException bug) {
            answered.run();
            LOG.warn("simulator failed to handle {} {}", exchange.getRequestMethod(), path, bug);
            ReplyScheduler.write(exchange, signer.errorPage(500));
        }
    }

    private void send(HttpExchange exchange, String path, Reply reply, boolean encrypted, long latencyMs,
                      Runnable answered) {
        if (reply instanceof Reply.Hold) {
            scheduler.hold(exchange, answered);
        } else if (reply instanceof Reply.Result result) {
            scheduler.answer(exchange, signer.prepare(path, result, encrypted), latencyMs, answered);
        } else if (reply instanceof Reply.Forged forged) {
            scheduler.answer(exchange, signer.forge(path, forged), latencyMs, answered);
        } else {
            scheduler.answer(exchange, signer.errorPage(reply.httpStatus()), latencyMs, answered);
        }
    }
}

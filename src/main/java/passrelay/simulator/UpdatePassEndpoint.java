package passrelay.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.alipay.CallOutcome;

/**
 * Every request that is not for {@code /admin/}: an outage answers first, then the gate checks the
 * request, then the throttle may turn it away at once, then the desk serves it. The answer leaves after the
 * configured latency, and a wait in line when the capacity is taken.
 */
final class UpdatePassEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UpdatePassEndpoint.class);

    private final RequestGate gate;
    private final UpdateDesk desk;
    private final Faults faults;
    private final ResponseSigner signer;
    private final ReplyScheduler scheduler;
    private final PassOverlaps overlaps;
    private final Throttle throttle;
    private final ServiceLine line;

    UpdatePassEndpoint(RequestGate gate, UpdateDesk desk, Faults faults, ResponseSigner signer,
                       ReplyScheduler scheduler, PassOverlaps overlaps, Throttle throttle, ServiceLine line) {
        this.overlaps = overlaps;
        this.throttle = throttle;
        this.line = line;
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
            FaultSettings settings = faults.snapshot();
            long latencyMs = settings.latencyMs();
            RequestGate.Verdict verdict = gate.check(
                    new RequestGate.Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
            if (verdict instanceof RequestGate.Passed passed) {
                answered = overlaps.arrived(passed.update().path("passId").asText(""), body);
            }
            if (faults.outageActive()) {
                Reply outage = new Reply.ErrorPage(503);
                if (verdict instanceof RequestGate.Passed passed) {
                    desk.recordUnserved(passed.update(), outage, InjectedFault.OUTAGE);
                }
                send(exchange, path, outage, false, latencyMs, answered);
            } else if (verdict instanceof RequestGate.Passed passed) {
                serve(exchange, path, passed, settings, answered);
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

    /**
     * Throttled at once when {@code maxConcurrent} are being served, else served after the latency — after waiting in
     * line first when {@code capacity} are being served.
     */
    private void serve(HttpExchange exchange, String path, RequestGate.Passed passed, FaultSettings settings,
                       Runnable answered) {
        Optional<Runnable> admitted = throttle.admit(settings.maxConcurrent());
        if (admitted.isEmpty()) {
            Reply throttled = Reply.Result.unknown(CallOutcome.TRAFFIC_LIMIT, "request traffic exceeds the limit");
            desk.recordUnserved(passed.update(), throttled, InjectedFault.THROTTLED);
            send(exchange, path, throttled, passed.encrypted(), 0, answered);
            return;
        }
        Reply reply = desk.serve(passed.update());
        line.enter(settings.capacity(), () -> send(exchange, path, reply, passed.encrypted(), settings.latencyMs(), () -> {
            line.leave(faults.snapshot().capacity());
            admitted.get().run();
            answered.run();
        }));
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

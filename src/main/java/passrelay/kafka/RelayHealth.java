package passrelay.kafka;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import passrelay.alipay.CallOutcome;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;
import passrelay.relay.BreakerState;
import passrelay.relay.BreakerTransition;
import passrelay.relay.Decision;
import passrelay.relay.LimitCut;

/** Tells operators what the relay learns about AlipayHK and our own configuration: log lines, readiness, metrics. */
final class RelayHealth {
    private static final Logger log = LoggerFactory.getLogger(RelayHealth.class);

    /** Cuts come in bursts while AlipayHK throttles: one line per interval says how many there were. */
    private static final Duration CUT_LINE_INTERVAL = Duration.ofSeconds(10);
    private static final Duration FLOOR_LINE_INTERVAL = Duration.ofMinutes(1);

    private final Readiness readiness;
    private final Metrics metrics;
    private long lastCutLine;
    private boolean cutLogged;
    private long cutsSinceLine;
    private long lastFloorLine;
    private boolean floorLogged;

    RelayHealth(Readiness readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    /** One log line per breaker transition, its states and reason as fields; readiness is down while it is open. */
    void breakerMoved(BreakerTransition transition) {
        LoggingEventBuilder line = transition.to() == BreakerState.CLOSED ? log.atInfo() : log.atWarn();
        line.addKeyValue("from_state", transition.from().label()).addKeyValue("to_state", transition.to().label())
                .addKeyValue("reason", transition.reason());
        transition.nextTrialIn().ifPresent(wait -> line.addKeyValue("next_trial_in_ms", wait.toMillis()));
        line.log(transition.describe());
        metrics.breakerTransition(transition.from().label(), transition.to().label());
        readiness.circuit(transition.to() == BreakerState.OPEN ? transition.reason() : null);
    }

    /**
     * A cut of the adaptive concurrency limit: counted by cause; logged at most once per {@link #CUT_LINE_INTERVAL}
     * with the cuts since, and as a warning when it reaches its floor (throttling then counts for the breaker), at
     * most once per {@link #FLOOR_LINE_INTERVAL} however often it sinks back there.
     */
    void limitCut(LimitCut cut) {
        metrics.concurrencyCut(cut.cause().label());
        long now = System.nanoTime();
        boolean floorDue = cut.atFloor() && (!floorLogged || now - lastFloorLine >= FLOOR_LINE_INTERVAL.toNanos());
        if (!floorDue && cutLogged && now - lastCutLine < CUT_LINE_INTERVAL.toNanos()) {
            cutsSinceLine++;
            return;
        }
        (floorDue ? log.atWarn() : log.atInfo()).addKeyValue("limit_before", cut.from()).addKeyValue("limit", cut.to())
                .addKeyValue("cause", cut.cause().label()).addKeyValue("detail", cut.detail())
                .addKeyValue("suppressed", cutsSinceLine)
                .log("AlipayHK concurrency limit cut {} -> {}: {} ({}){}; {} more cuts since the last line", cut.from(),
                        cut.to(), cut.cause().label(), cut.detail(), cut.atFloor()
                                ? "; at its minimum (PASSRELAY_CONCURRENCY_MIN): further throttling counts for the "
                                + "circuit breaker" : "", cutsSinceLine);
        lastCutLine = now;
        cutLogged = true;
        cutsSinceLine = 0;
        if (floorDue) {
            lastFloorLine = now;
            floorLogged = true;
        }
    }

    /** An our-fault answer makes readiness fail, loudly, until AlipayHK accepts a call again. */
    void configSignal(Decision.ConfigSignal signal, CallOutcome outcome) {
        if (signal == Decision.ConfigSignal.REJECTED) {
            if (readiness.notReadyBecause().isEmpty()) {
                log.error("AlipayHK rejects our configuration: {} {} — check ALIPAYHK_CLIENT_ID, keys and "
                        + "ALIPAYHK_BASE_URL; events are held and retried, not failed", outcome.resultCode(),
                        outcome.resultMessage());
            }
            readiness.misconfigured(outcome.resultCode());
        } else if (signal == Decision.ConfigSignal.CONFIRMED) {
            readiness.callSucceeded();
        }
    }
}

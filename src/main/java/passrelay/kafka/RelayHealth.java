package passrelay.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.alipay.CallOutcome;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;
import passrelay.relay.BreakerState;
import passrelay.relay.BreakerTransition;
import passrelay.relay.Decision;

/** Tells operators what the relay learns about AlipayHK and our own configuration: log lines, readiness, metrics. */
final class RelayHealth {
    private static final Logger log = LoggerFactory.getLogger(RelayHealth.class);

    private final Readiness readiness;
    private final Metrics metrics;

    RelayHealth(Readiness readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    /** One log line per breaker transition; readiness is down while the breaker is open. */
    void breakerMoved(BreakerTransition transition) {
        if (transition.to() == BreakerState.CLOSED) {
            log.info(transition.describe());
        } else {
            log.warn(transition.describe());
        }
        metrics.breakerTransition(transition.from().label(), transition.to().label());
        readiness.circuit(transition.to() == BreakerState.OPEN ? transition.reason() : null);
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

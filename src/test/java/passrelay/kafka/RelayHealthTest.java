package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;
import passrelay.relay.LimitCut;
import passrelay.testing.CapturedLogs;

class RelayHealthTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RelayHealth health = new RelayHealth(new Readiness(), new Metrics(meters));

    @Test
    void shouldCountEveryCutButLogABurstOfThemOnce() {
        try (CapturedLogs logs = CapturedLogs.of(RelayHealth.class)) {
            for (int i = 0; i < 50; i++) {
                health.limitCut(new LimitCut(200, 140, LimitCut.Cause.THROTTLED, "REQUEST_TRAFFIC_EXCEED_LIMIT", false));
            }

            assertThat(logs.events()).singleElement().satisfies(line -> {
                assertThat(line.getLevel()).isEqualTo(Level.INFO);
                assertThat(CapturedLogs.fields(line)).containsEntry("cause", "throttled").containsEntry("limit", 140);
            });
        }
        assertThat(meters.get("passrelay.concurrency.cuts").tag("cause", "throttled").counter().count()).isEqualTo(50);
    }

    @Test
    void shouldWarnWhenTheLimitReachesItsFloorEvenRightAfterAnotherLineButNotEachTimeItSinksBackThere() {
        try (CapturedLogs logs = CapturedLogs.of(RelayHealth.class)) {
            health.limitCut(new LimitCut(20, 14, LimitCut.Cause.TIMEOUT, "TIMEOUT", false));
            health.limitCut(new LimitCut(14, 8, LimitCut.Cause.TIMEOUT, "TIMEOUT", true));
            health.limitCut(new LimitCut(10, 8, LimitCut.Cause.THROTTLED, "HTTP_429", true));
            health.limitCut(new LimitCut(11, 8, LimitCut.Cause.THROTTLED, "HTTP_429", true));

            assertThat(logs.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN);
            assertThat(logs.events().get(1).getFormattedMessage()).contains("at its minimum");
        }
    }
}

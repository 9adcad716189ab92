package passrelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import passrelay.testing.CapturedLogs;

class ReadinessTest {
    private final Readiness readiness = new Readiness();

    @Test
    void shouldBeNotReadyWhileStartingAndReadyOnceStarted() {
        assertThat(readiness.notReadyReasons()).containsExactly("starting");
        assertThat(readiness.notReadyBecause()).hasValue("starting");

        readiness.started();

        assertThat(readiness.notReadyReasons()).isEmpty();
        assertThat(readiness.notReadyBecause()).isEmpty();
    }

    @Test
    void shouldGiveEveryReasonThatHoldsMostFundamentalFirst() {
        readiness.started();
        readiness.circuit("20 of 20 calls failed");
        readiness.publishing("RecordTooLargeException");
        readiness.misconfigured("INVALID_SIGNATURE");

        assertThat(readiness.notReadyReasons()).containsExactly(
                "AlipayHK rejects our configuration (INVALID_SIGNATURE): check keys, client id, URL",
                "outcomes cannot be published (RecordTooLargeException): check the results and DLT topics",
                "AlipayHK circuit open: 20 of 20 calls failed");
        assertThat(readiness.notReadyBecause())
                .hasValueSatisfying(why -> assertThat(why).contains("INVALID_SIGNATURE"));

        readiness.callSucceeded();
        readiness.publishing(null);
        readiness.circuit(null);

        assertThat(readiness.notReadyReasons()).isEmpty();
    }

    @Test
    void shouldLogEachChangeOnceNotEachReportOrProbe() {
        try (CapturedLogs logs = CapturedLogs.of(Readiness.class)) {
            readiness.started();
            readiness.callSucceeded();
            readiness.publishing(null);
            readiness.circuit("AlipayHK answers HTTP 503");
            readiness.circuit("AlipayHK answers HTTP 503");
            readiness.notReadyReasons();
            readiness.circuit(null);
            readiness.circuit(null);

            List<ILoggingEvent> lines = logs.events();
            assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).containsExactly("ready",
                    "not ready: AlipayHK circuit open: AlipayHK answers HTTP 503", "ready");
            assertThat(CapturedLogs.fields(lines.get(1))).containsEntry("ready", false)
                    .containsEntry("reasons", List.of("AlipayHK circuit open: AlipayHK answers HTTP 503"));
        }
    }

    @Test
    void shouldStayLiveUntilToldWhyNotKeepingTheFirstReason() {
        assertThat(readiness.isLive()).isTrue();
        assertThat(readiness.deadBecause()).isEmpty();

        readiness.dead("the poll loop died: IllegalStateException");
        readiness.dead("something later");

        assertThat(readiness.isLive()).isFalse();
        assertThat(readiness.deadBecause()).hasValue("the poll loop died: IllegalStateException");
    }
}

package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchLimitsTest {

    private static final Duration MS_200 = Duration.ofMillis(200);
    private static final Duration S_30 = Duration.ofSeconds(30);

    @Test
    void shouldAcceptSensibleLimits() {
        assertThatCode(() -> new DispatchLimits(256, 10_000, 8, MS_200, S_30)).doesNotThrowAnyException();
        assertThatCode(() -> new DispatchLimits(1, 1, 1, MS_200, MS_200)).doesNotThrowAnyException();
    }

    @Test
    void shouldNameTheBadCountInTheMessage() {
        assertThatThrownBy(() -> new DispatchLimits(0, 10, 8, MS_200, S_30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInFlight").hasMessageContaining("0");
        assertThatThrownBy(() -> new DispatchLimits(1, -5, 8, MS_200, S_30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBuffered").hasMessageContaining("-5");
        assertThatThrownBy(() -> new DispatchLimits(1, 10, 0, MS_200, S_30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryMaxAttempts");
    }

    @Test
    void shouldRejectBackoffsThatCannotBeScheduled() {
        assertThatThrownBy(() -> new DispatchLimits(1, 10, 8, Duration.ZERO, S_30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new DispatchLimits(1, 10, 8, S_30, MS_200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff").hasMessageContaining("PT0.2S");
        assertThatThrownBy(() -> new DispatchLimits(1, 10, 8, MS_200, Duration.ofDays(366)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new DispatchLimits(1, 10, 8, null, S_30))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("initialBackoff");
    }
}

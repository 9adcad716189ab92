package passrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Faults faults = new Faults(FaultSettings.NONE, clock);

    @Test
    void shouldEndAnOutageWindowOnTime() {
        faults.outageFor(Duration.ofSeconds(30));

        now = now.plusSeconds(29);
        boolean lateInTheWindow = faults.outageActive();
        Optional<Long> remaining = faults.outageRemainingMs();
        now = now.plusSeconds(1);

        assertThat(lateInTheWindow).isTrue();
        assertThat(remaining).contains(1_000L);
        assertThat(faults.outageActive()).isFalse();
    }

    @Test
    void shouldKeepAnOpenEndedOutageUntilCleared() {
        faults.outageUntilCleared();
        now = now.plus(Duration.ofDays(365));
        boolean stillOut = faults.outageActive();

        faults.clearOutage();

        assertThat(stillOut).isTrue();
        assertThat(faults.outageActive()).isFalse();
    }

    @Test
    void shouldRefuseARateAboveOneNamingItAndKeepTheOldSettings() {
        faults.uRate(0.5);

        assertThatIllegalArgumentException().isThrownBy(() -> faults.http5xxRate(1.5))
                .withMessageContaining("http5xxRate");
        assertThat(faults.snapshot()).isEqualTo(FaultSettings.NONE.withURate(0.5));
    }

    @Test
    void shouldRefuseANegativeLatency() {
        assertThatIllegalArgumentException().isThrownBy(() -> faults.latencyMs(-1)).withMessageContaining("latencyMs");
    }

    @Test
    void shouldFaultTheShareOfRequestsEachRateAsks() {
        FaultDice dice = new FaultDice(1);
        FaultSettings settings = new FaultSettings(0, 0.1, 0.2, 0.3, 0.4, Optional.empty());

        Map<InjectedFault, Long> counts = IntStream.range(0, 10_000).mapToObj(i -> dice.roll(settings).orElseThrow())
                .collect(Collectors.groupingBy(fault -> fault, Collectors.counting()));

        assertThat(counts.get(InjectedFault.TIMEOUT)).isBetween(2_700L, 3_300L);
        assertThat(counts.get(InjectedFault.HTTP_5XX)).isBetween(1_700L, 2_300L);
        assertThat(counts.get(InjectedFault.RATE_LIMIT)).isBetween(3_700L, 4_300L);
        assertThat(counts.get(InjectedFault.UNKNOWN_RESULT)).isBetween(700L, 1_300L);
    }

    @Test
    void shouldNeverFaultWithoutRates() {
        FaultDice dice = new FaultDice(1);

        assertThat(IntStream.range(0, 1_000).mapToObj(i -> dice.roll(FaultSettings.NONE.withLatencyMs(10))))
                .allMatch(Optional::isEmpty);
    }
}

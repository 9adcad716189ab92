package passrelay.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.replay.ReplayFilterTest.result;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SupersededIndexTest {
    private static final Instant FAILED_AT = Instant.parse("2026-11-25T10:16:02.500Z");

    @Test
    void shouldBeSupersededOnlyByAFinalOutcomeStrictlyAfterTheFailure() {
        SupersededIndex index = new SupersededIndex();
        index.add(result("after", "S", FAILED_AT.plusMillis(1)));
        index.add(result("same-time", "F", FAILED_AT));
        index.add(result("before", "S", FAILED_AT.minusSeconds(1)));

        assertThat(index.supersedes("after", FAILED_AT)).isTrue();
        assertThat(index.supersedes("same-time", FAILED_AT)).isFalse();
        assertThat(index.supersedes("before", FAILED_AT)).isFalse();
        assertThat(index.supersedes("unknown", FAILED_AT)).isFalse();
    }

    @Test
    void shouldIgnoreUnknownOutcomesWhichAreNotFinal() {
        SupersededIndex index = new SupersededIndex();
        index.add(result("p1", "U", FAILED_AT.plusSeconds(60)));

        assertThat(index.supersedes("p1", FAILED_AT)).isFalse();
        assertThat(index.passes()).isZero();
    }

    @Test
    void shouldKeepOneEntryPerPassWithItsLatestFinalCompletion() {
        SupersededIndex index = new SupersededIndex();
        index.add(result("p1", "S", FAILED_AT.plusSeconds(10)));
        index.add(result("p1", "F", FAILED_AT.minusSeconds(10)));
        index.add(result("p1", "S", FAILED_AT.plusSeconds(5)));

        assertThat(index.passes()).isEqualTo(1);
        assertThat(index.supersedes("p1", FAILED_AT.plusSeconds(9))).isTrue();
        assertThat(index.supersedes("p1", FAILED_AT.plusSeconds(10))).isFalse();
    }
}

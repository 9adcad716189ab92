package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FinishedOffsetsTest {

    @Test
    void shouldMergeTouchingOffsetsIntoOneRange() {
        FinishedOffsets finished = FinishedOffsets.of(7, 3, 4, 5, 9, 4);

        assertThat(finished.rangeCount()).isEqualTo(3);
        assertThat(finished.count()).isEqualTo(5);
        assertThat(finished.stream()).containsExactly(3L, 4L, 5L, 7L, 9L);
        assertThat(finished).hasToString("FinishedOffsets[3..5, 7..7, 9..9]");
    }

    @Test
    void shouldAnswerMembershipAcrossRanges() {
        FinishedOffsets finished = FinishedOffsets.builder().add(10, 20).add(20, 25).add(30, 31).build();

        assertThat(finished.rangeCount()).isEqualTo(2);
        assertThat(finished.contains(9)).isFalse();
        assertThat(finished.contains(10)).isTrue();
        assertThat(finished.contains(24)).isTrue();
        assertThat(finished.contains(25)).isFalse();
        assertThat(finished.contains(30)).isTrue();
        assertThat(finished.contains(31)).isFalse();
        assertThat(FinishedOffsets.NONE.contains(0)).isFalse();
    }

    @Test
    void shouldCountHugeRangesWithoutListingThem() {
        FinishedOffsets finished = FinishedOffsets.builder().add(0, 1_000_000_000_000L)
                .add(Long.MAX_VALUE - 10, Long.MAX_VALUE).build();

        assertThat(finished.count()).isEqualTo(1_000_000_000_010L);
        assertThat(finished.contains(Long.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void shouldCutASetAtAnOffset() {
        FinishedOffsets finished = FinishedOffsets.of(3, 4, 5, 7, 9);

        assertThat(finished.from(4).stream()).containsExactly(4L, 5L, 7L, 9L);
        assertThat(finished.from(6).stream()).containsExactly(7L, 9L);
        assertThat(finished.from(0)).isSameAs(finished);
        assertThat(finished.from(10)).isEqualTo(FinishedOffsets.NONE);
    }

    @Test
    void shouldRejectRangesOutOfOrder() {
        FinishedOffsets.Builder builder = FinishedOffsets.builder().add(10, 20);

        assertThatThrownBy(() -> builder.add(15, 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not above 20");
        assertThatThrownBy(() -> builder.add(40, 39)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.add(25, 25).build().count()).isEqualTo(10);
    }
}

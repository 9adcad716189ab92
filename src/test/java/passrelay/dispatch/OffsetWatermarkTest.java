package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OffsetWatermarkTest {

    private final OffsetWatermark watermark = new OffsetWatermark();

    @Test
    void shouldHaveNothingToCommitBeforeAnyOffsetIsAdded() {
        assertThat(watermark.committable()).isEmpty();
        assertThat(watermark.pendingCount()).isZero();
    }

    @Test
    void shouldCommitTheLowestPendingOffset() {
        watermark.add(10);
        watermark.add(11);
        watermark.add(12);

        watermark.complete(11);

        assertThat(watermark.committable()).hasValue(10);
    }

    @Test
    void shouldCommitPastTheHighestOffsetWhenAllAreComplete() {
        watermark.add(10);
        watermark.add(14);
        watermark.complete(14);
        watermark.complete(10);

        assertThat(watermark.committable()).hasValue(15);
        assertThat(watermark.pendingCount()).isZero();
    }

    @Test
    void shouldJumpGapsBetweenOffsets() {
        watermark.add(3);
        watermark.add(9);
        watermark.add(40);
        watermark.complete(3);

        assertThat(watermark.committable()).hasValue(9);
        watermark.complete(9);
        assertThat(watermark.committable()).hasValue(40);
    }

    @Test
    void shouldIgnoreCompletingAnOffsetThatIsNotPending() {
        watermark.add(5);
        watermark.add(6);

        assertThat(watermark.complete(4)).isFalse();
        assertThat(watermark.complete(7)).isFalse();
        assertThat(watermark.complete(5)).isTrue();
        assertThat(watermark.complete(5)).isFalse();

        assertThat(watermark.pendingCount()).isEqualTo(1);
        assertThat(watermark.committable()).hasValue(6);
    }

    @Test
    void shouldRejectOffsetsThatDoNotIncrease() {
        watermark.add(5);

        assertThatThrownBy(() -> watermark.add(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5");
        assertThatThrownBy(() -> watermark.add(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetWatermark().add(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverCommitPastAPendingOffsetUnderRandomGapsAndCompletionOrder() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            OffsetWatermark subject = new OffsetWatermark();
            TreeSet<Long> pendingModel = new TreeSet<>();
            List<Long> completable = new ArrayList<>();
            long next = random.nextLong(1_000);
            long highest = -1;
            for (int step = 0; step < 3_000; step++) {
                if (random.nextInt(100) < 55) {
                    next += 1 + (random.nextInt(4) == 0 ? random.nextInt(50) : 0);
                    subject.add(next);
                    pendingModel.add(next);
                    completable.add(next);
                    highest = next;
                } else if (!completable.isEmpty()) {
                    long offset = completable.remove(random.nextInt(completable.size()));
                    assertThat(subject.complete(offset)).isTrue();
                    pendingModel.remove(offset);
                }
                OptionalLong expected = pendingModel.isEmpty()
                        ? (highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest + 1))
                        : OptionalLong.of(pendingModel.first());
                assertThat(subject.committable()).isEqualTo(expected);
                assertThat(subject.pendingCount()).isEqualTo(pendingModel.size());
            }
        }
    }

    @Test
    void shouldKeepMemoryProportionalToPendingOffsetsWhileOneOffsetHoldsTheHead() {
        watermark.add(0);
        for (long offset = 1; offset <= 1_000_000; offset++) {
            watermark.add(offset);
            watermark.complete(offset);
        }

        assertThat(watermark.committable()).hasValue(0);
        assertThat(watermark.capacity()).isLessThanOrEqualTo(16);
        watermark.complete(0);
        assertThat(watermark.committable()).hasValue(1_000_001);
    }

    @Test
    void shouldHaveNothingFinishedAboveTheCommittableOffsetWhileNothingIsPending() {
        watermark.add(3);
        watermark.add(4);
        watermark.complete(3);
        watermark.complete(4);

        assertThat(finishedAboveHead()).isEqualTo(FinishedOffsets.NONE);
    }

    @Test
    void shouldListTheDoneOffsetsAboveTheLowestPendingOneWithTheGapsBetweenThem() {
        for (long offset : new long[] {10, 11, 12, 15, 16, 20, 21, 30}) {
            watermark.add(offset);
        }
        for (long offset : new long[] {11, 12, 15, 21, 30}) {
            watermark.complete(offset);
        }

        assertThat(watermark.committable()).hasValue(10);
        assertThat(finishedAboveHead()).isEqualTo(FinishedOffsets.builder().add(11, 16).add(17, 20).add(21, 31).build());
    }

    @Test
    void shouldKeepTheFinishedOffsetsAboveAStuckHeadThroughCompaction() {
        watermark.add(0);
        for (long offset = 1; offset <= 1_000_000; offset++) {
            watermark.add(offset);
            if (offset % 100_000 != 0) {
                watermark.complete(offset);
            }
        }

        assertThat(watermark.capacity()).isLessThanOrEqualTo(32);
        FinishedOffsets finished = finishedAboveHead();
        assertThat(finished.rangeCount()).isEqualTo(10);
        assertThat(finished.count()).isEqualTo(1_000_000 - 10);
        assertThat(finished.contains(100_000)).isFalse();
        assertThat(finished.contains(999_999)).isTrue();
    }

    @Test
    void shouldListExactlyTheNonPendingOffsetsUpToTheHighestAddedUnderRandomCompletion() {
        SplittableRandom random = new SplittableRandom(13);
        for (int round = 0; round < 50; round++) {
            OffsetWatermark subject = new OffsetWatermark();
            TreeSet<Long> pendingModel = new TreeSet<>();
            long next = random.nextLong(100);
            for (int step = 0; step < 2_000; step++) {
                if (random.nextInt(100) < 55 || pendingModel.isEmpty()) {
                    next += 1 + random.nextInt(3);
                    subject.add(next);
                    pendingModel.add(next);
                } else {
                    Long offset = pendingModel.floor(random.nextLong(pendingModel.first(), next + 1));
                    subject.complete(offset);
                    pendingModel.remove(offset);
                }
            }
            FinishedOffsets.Builder finished = FinishedOffsets.builder();
            subject.addFinishedAboveHead(finished);
            FinishedOffsets actual = finished.build();
            long head = subject.committable().getAsLong();
            for (long offset = head; offset <= next + 1; offset++) {
                boolean expected = offset > head && offset <= next && !pendingModel.contains(offset);
                assertThat(actual.contains(offset)).as("offset %d finished", offset).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldGrowToHoldManyPendingOffsets() {
        for (long offset = 0; offset < 100_000; offset += 2) {
            watermark.add(offset);
        }

        assertThat(watermark.pendingCount()).isEqualTo(50_000);
        assertThat(watermark.complete(50_001)).isFalse();
        assertThat(watermark.complete(50_000)).isTrue();
        assertThat(watermark.capacity()).isLessThanOrEqualTo(2 * 50_000 + 16);
    }

    private FinishedOffsets finishedAboveHead() {
        FinishedOffsets.Builder finished = FinishedOffsets.builder();
        watermark.addFinishedAboveHead(finished);
        return finished.build();
    }
}

package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.dispatch.TestLimits.P0;
import static passrelay.dispatch.TestLimits.START;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import passrelay.testing.ManualClock;

/** A partition changes owners (restart, crash, rebalance): the next owner resumes from the commit's metadata. */
class DispatcherResumeTest {

    private final ManualClock clock = new ManualClock(START);

    @Test
    void shouldSkipExactlyTheFinishedRecordsAndFlagExactlyTheUnfinishedOnesThatMayHaveBeenSent() {
        CommitPoint handedOver = firstOwnerStuckAtZero();

        Dispatcher<String> next = owner();
        next.assign(P0, resumeFrom(handedOver));
        List<Long> skipped = new ArrayList<>();
        List<Long> possibleResends = new ArrayList<>();
        for (long offset = handedOver.offset(); offset < 20; offset++) {
            if (next.skipIfFinished(P0, offset)) {
                skipped.add(offset);
            } else if (next.accept(P0, offset, "pass-" + offset, "e" + offset).possibleResend()) {
                possibleResends.add(offset);
            }
        }

        assertThat(skipped).containsExactly(1L, 2L, 3L, 5L);
        assertThat(possibleResends).containsExactly(0L, 4L, 6L, 7L);
        assertThat(next.buffered(P0)).isEqualTo(16);
    }

    @Test
    void shouldCommitPastSkippedRecordsAndKeepMarkingThemFinishedUntilTheCommitPassesThem() {
        Dispatcher<String> next = owner();
        next.assign(P0, resumeFrom(firstOwnerStuckAtZero()));
        Job<String> zero = readUpTo(next, 0, 20).get(0);

        CommitPoint whileZeroIsPending = next.commitPoint(P0).orElseThrow();
        assertThat(whileZeroIsPending.offset()).isZero();
        assertThat(finishedIn(whileZeroIsPending)).containsExactly(1L, 2L, 3L, 5L);

        next.start(() -> true).forEach(next::finish);
        next.published(zero);
        CommitPoint afterZero = next.commitPoint(P0).orElseThrow();
        assertThat(afterZero.offset()).as("0 published, 1-3 skipped, 4 still pending").isEqualTo(4);
        assertThat(finishedIn(afterZero)).containsExactly(5L);

        for (long offset = 4; offset < 20; offset++) {
            next.published(P0, offset);
        }
        CommitPoint allDone = next.commitPoint(P0).orElseThrow();
        assertThat(allDone.offset()).isEqualTo(20);
        assertThat(finishedIn(allDone)).isEmpty();
    }

    @Test
    void shouldCarryTheFinishedRecordsItHasNotReadYetIntoItsOwnCommits() {
        Dispatcher<String> next = owner();
        next.assign(P0, resumeFrom(firstOwnerStuckAtZero()));
        Job<String> zero = readUpTo(next, 0, 3).get(0);

        CommitPoint early = next.commitPoint(P0).orElseThrow();
        assertThat(early.offset()).isZero();
        assertThat(finishedIn(early)).containsExactly(1L, 2L, 3L, 5L);
        assertThat(resumeFrom(early).deliveredUpTo()).as("the first owner's calls reached 7").isEqualTo(8);

        next.start(() -> true).forEach(next::finish);
        next.published(zero);
        CommitPoint past = next.commitPoint(P0).orElseThrow();
        assertThat(past.offset()).as("3 is finished though not read yet: commit past it").isEqualTo(4);
        assertThat(finishedIn(past)).containsExactly(5L);
    }

    @Test
    void shouldLetAThirdOwnerSkipWhatEitherEarlierOwnerFinished() {
        Dispatcher<String> second = owner();
        second.assign(P0, resumeFrom(firstOwnerStuckAtZero()));
        List<Job<String>> jobs = readUpTo(second, 0, 12);
        second.start(() -> true).stream().filter(job -> job.offset() == 4 || job.offset() == 9).forEach(job -> {
            second.finish(job);
            second.published(job);
        });
        assertThat(jobs).extracting(Job::offset).containsExactly(0L, 4L, 6L, 7L, 8L, 9L, 10L, 11L);

        Dispatcher<String> third = owner();
        third.assign(P0, resumeFrom(second.commitPoint(P0).orElseThrow()));

        assertThat(readUpTo(third, 0, 20)).extracting(Job::offset)
                .containsExactly(0L, 6L, 7L, 8L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(third.commitPoint(P0).map(this::finishedIn).orElseThrow()).containsExactly(1L, 2L, 3L, 4L, 5L, 9L);
    }

    @Test
    void shouldTakeOnlyRecordsWhoseCallsStartedAsPossiblySent() {
        Dispatcher<String> first = owner();
        first.assign(P0);
        for (long offset = 0; offset < 10; offset++) {
            first.accept(P0, offset, "pass-" + offset, "e");
        }
        assertThat(first.start(() -> false)).as("AlipayHK's circuit is open").isEmpty();
        CommitPoint nothingSent = first.commitPoint(P0).orElseThrow();
        first.start(() -> true);
        CommitPoint eightSent = first.commitPoint(P0).orElseThrow();

        assertThat(resumeFrom(nothingSent).deliveredUpTo()).isZero();
        assertThat(resumeFrom(eightSent).deliveredUpTo()).isEqualTo(8);
        Dispatcher<String> next = owner();
        next.assign(P0, resumeFrom(nothingSent));
        assertThat(readUpTo(next, 0, 10)).noneMatch(Job::possibleResend);
    }

    @Test
    void shouldTakeClaimedRecordsAsPossiblySentBeforeTheyAreEvenAccepted() {
        Dispatcher<String> first = owner();
        first.assign(P0, ResumeMarks.none(5));
        assertThat(first.commitPoint(P0)).as("nothing claimed or read yet").isEmpty();

        first.claim(P0, 5, 12);
        CommitPoint claimed = first.commitPoint(P0).orElseThrow();

        assertThat(claimed.offset()).as("nothing accepted yet: the claim's first offset").isEqualTo(5);
        assertThat(resumeFrom(claimed).deliveredUpTo()).isEqualTo(12);
        Dispatcher<String> next = owner();
        next.assign(P0, resumeFrom(claimed));
        assertThat(readUpTo(next, 5, 14)).filteredOn(Job::possibleResend).extracting(Job::offset)
                .containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void shouldResumeEachEpochFromTheMarksItWasAssignedWith() {
        Dispatcher<String> dispatcher = owner();
        dispatcher.assign(P0, new ResumeMarks(10, FinishedOffsets.of(11, 12), 14));
        assertThat(dispatcher.commitPoint(P0)).as("nothing read yet: the last commit holds").isEmpty();
        assertThat(readUpTo(dispatcher, 10, 15)).extracting(Job::offset).containsExactly(10L, 13L, 14L);

        dispatcher.revoke(P0);
        assertThat(dispatcher.commitPoint(P0)).isEmpty();
        dispatcher.assign(P0, new ResumeMarks(10, FinishedOffsets.of(13), 11));
        List<Job<String>> secondEpoch = readUpTo(dispatcher, 10, 15);
        assertThat(secondEpoch).extracting(Job::offset).containsExactly(10L, 11L, 12L, 14L);
        assertThat(secondEpoch).extracting(Job::possibleResend).containsExactly(true, false, false, false);

        dispatcher.revoke(P0);
        dispatcher.assign(P0);
        assertThat(readUpTo(dispatcher, 10, 15)).hasSize(5).noneMatch(Job::possibleResend);
    }

    @Test
    void shouldIgnoreMarksWhenThePartitionIsAlreadyAssigned() {
        Dispatcher<String> dispatcher = owner();
        dispatcher.assign(P0);
        dispatcher.assign(P0, new ResumeMarks(0, FinishedOffsets.of(1), 5));

        assertThat(readUpTo(dispatcher, 0, 3)).hasSize(3).noneMatch(Job::possibleResend);
    }

    @Test
    void shouldDoAFinishedRecordAgainWhenTheCallerAcceptsItWithoutAsking() {
        Dispatcher<String> dispatcher = owner();
        dispatcher.assign(P0, new ResumeMarks(0, FinishedOffsets.of(1, 2), 3));
        Job<String> zero = dispatcher.accept(P0, 0, "A", "a");
        Job<String> one = dispatcher.accept(P0, 1, "B", "b");
        dispatcher.start(() -> true).forEach(dispatcher::finish);
        dispatcher.published(zero);

        CommitPoint point = dispatcher.commitPoint(P0).orElseThrow();
        assertThat(one.possibleResend()).isTrue();
        assertThat(point.offset()).isEqualTo(1);
        assertThat(finishedIn(point)).containsExactly(2L);
    }

    @Test
    void shouldCountTheFinishedOffsetsThatDidNotFitAndLetTheNextOwnerRedoOnlyThose() {
        Dispatcher<String> first = owner();
        first.assign(P0);
        first.accept(P0, 0, "stuck", "e");
        for (long offset = 1; offset < 2_000; offset++) {
            first.accept(P0, offset, "pass-" + offset, "e");
            if (offset % 2 == 0) {
                first.published(P0, offset);
            }
        }
        CommitPoint point = first.commitPoint(P0, 100).orElseThrow();
        ResumeMarks marks = resumeFrom(point);

        assertThat(point.metadata()).hasSizeLessThanOrEqualTo(100);
        assertThat(point.finishedDropped()).isEqualTo(999 - marks.finished().count());
        assertThat(marks.finished().count()).isBetween(100L, 400L);
        long keptUpTo = marks.finished().end(marks.finished().rangeCount() - 1);
        assertThat(marks.finished().stream()).as("the finished offsets closest to the committed one")
                .containsExactlyElementsOf(offsets(1, keptUpTo, offset -> offset % 2 == 0));
        Dispatcher<String> next = owner();
        next.assign(P0, marks);
        assertThat(readUpTo(next, 0, 2_000)).extracting(Job::offset)
                .containsExactlyElementsOf(offsets(0, 2_000, offset -> offset >= keptUpTo || offset % 2 == 1 || offset == 0));
        assertThat(first.commitPoint(P0).orElseThrow().finishedDropped()).isZero();
    }

    @Test
    void shouldCountOffsetsWithoutRecordsBetweenFinishedOnesAsFinished() {
        Dispatcher<String> dispatcher = owner();
        dispatcher.assign(P0);
        Job<String> first = dispatcher.accept(P0, 100, "A", "a");
        dispatcher.acceptSettled(P0, 140);
        dispatcher.published(P0, 140);

        CommitPoint point = dispatcher.commitPoint(P0).orElseThrow();

        assertThat(point.offset()).isEqualTo(first.offset());
        assertThat(resumeFrom(point).finished()).isEqualTo(FinishedOffsets.builder().add(101, 141).build());
    }

    /**
     * Records 0-19, one pass each, eight calls at a time: 0 waits for a retry, 1, 2, 3 and 5 are published,
     * 4, 6 and 7 are in flight, 8-19 have not started. The handover commit.
     */
    private CommitPoint firstOwnerStuckAtZero() {
        Dispatcher<String> first = owner();
        first.assign(P0);
        for (long offset = 0; offset < 20; offset++) {
            first.accept(P0, offset, "pass-" + offset, "e" + offset);
        }
        for (Job<String> job : first.start(() -> true)) {
            if (job.offset() == 0) {
                first.retryLater(job, true);
            } else if (List.of(1L, 2L, 3L, 5L).contains(job.offset())) {
                first.finish(job);
                first.published(job);
            }
        }
        CommitPoint point = first.commitPoint(P0).orElseThrow();
        assertThat(point.offset()).isZero();
        assertThat(point.finishedDropped()).isZero();
        return point;
    }

    private Dispatcher<String> owner() {
        return new Dispatcher<>(TestLimits.of(8, 10_000, 3), clock, new SplittableRandom(3));
    }

    /** Reads records from {@code from} up to {@code to} the way the engine does: skip, or accept. */
    private static List<Job<String>> readUpTo(Dispatcher<String> dispatcher, long from, long to) {
        List<Job<String>> accepted = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            if (!dispatcher.skipIfFinished(P0, offset)) {
                accepted.add(dispatcher.accept(P0, offset, "pass-" + offset, "e" + offset));
            }
        }
        return accepted;
    }

    private static List<Long> offsets(long from, long to, LongPredicate filter) {
        return LongStream.range(from, to).filter(filter).boxed().toList();
    }

    private static ResumeMarks resumeFrom(CommitPoint point) {
        ResumeMarksCodec.Decoded decoded = ResumeMarksCodec.decode(point.offset(), point.metadata());
        assertThat(decoded.ignoredBecause()).isEmpty();
        return decoded.marks();
    }

    private List<Long> finishedIn(CommitPoint point) {
        return resumeFrom(point).finished().stream().boxed().toList();
    }
}

package passrelay.dispatch;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One assignment of a partition: its epoch, its pending offsets, and what the previous owner left ({@link
 * ResumeMarks}), carried forward into every commit point until the committed offset passes it.
 */
final class PartitionEpoch {

    private final long epoch;
    private final ResumeMarks marks;
    private final OffsetWatermark watermark = new OffsetWatermark();
    private long deliveredUpTo;
    private long firstClaimed = -1;

    PartitionEpoch(long epoch, ResumeMarks marks) {
        this.epoch = epoch;
        this.marks = marks;
    }

    long epoch() {
        return epoch;
    }

    OffsetWatermark watermark() {
        return watermark;
    }

    /** True when an earlier owner may have sent the record at {@code offset}. */
    boolean mayHaveBeenSent(long offset) {
        return marks.mayHaveBeenSent(offset);
    }

    /** When the previous owner finished the record, records it as done at once and returns true. */
    boolean skipIfFinished(long offset) {
        if (!marks.isFinished(offset)) {
            return false;
        }
        watermark.add(offset);
        watermark.complete(offset);
        return true;
    }

    /** A call of the record at {@code offset} starts: from now on it may reach AlipayHK. */
    void started(long offset) {
        deliveredUpTo = Math.max(deliveredUpTo, offset + 1);
    }

    /**
     * The records from {@code from} up to {@code upTo} are about to be handed to this owner, which may call any
     * of them from then on: commit points say so before it does, so a crash cannot hide a call.
     */
    void claim(long from, long upTo) {
        if (firstClaimed < 0) {
            firstClaimed = from;
        }
        deliveredUpTo = Math.max(deliveredUpTo, upTo);
    }

    /**
     * The committable offset with the marks for the next owner: the finished offsets above it — this epoch's
     * and the previous owner's not yet read — and how far calls may have got, this epoch's (claimed or started)
     * or the previous owner's. Finished offsets right at the committable offset are committed past. Before
     * anything was accepted, a claim's first offset is the offset. Empty when nothing was claimed or read yet.
     */
    Optional<CommitPoint> commitPoint(int maxChars) {
        OptionalLong committable = watermark.committable();
        if (committable.isEmpty() && firstClaimed < 0) {
            return Optional.empty();
        }
        FinishedOffsets finished = finishedAboveHead();
        long offset = committable.orElse(firstClaimed);
        if (!finished.isEmpty() && finished.start(0) == offset) {
            offset = finished.end(0);
            finished = finished.from(offset);
        }
        ResumeMarks next = new ResumeMarks(offset, finished, Math.max(marks.deliveredUpTo(), deliveredUpTo));
        ResumeMarksCodec.Encoded encoded = ResumeMarksCodec.encode(next, maxChars);
        return Optional.of(new CommitPoint(offset, encoded.metadata(), encoded.finishedDropped()));
    }

    private FinishedOffsets finishedAboveHead() {
        FinishedOffsets.Builder finished = FinishedOffsets.builder();
        watermark.addFinishedAboveHead(finished);
        long firstUnread = watermark.highestAdded() + 1;
        FinishedOffsets previous = marks.finished();
        for (int range = 0; range < previous.rangeCount(); range++) {
            if (previous.end(range) > firstUnread) {
                finished.add(Math.max(previous.start(range), firstUnread), previous.end(range));
            }
        }
        return finished.build();
    }
}

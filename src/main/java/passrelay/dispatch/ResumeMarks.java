package passrelay.dispatch;

import java.util.Objects;

/**
 * What a partition's previous owner left beside its committed offset, so the next owner neither calls AlipayHK
 * again for records whose outcomes are already published nor mistakes a record it may have sent for a new one.
 *
 * @param committedOffset the committed offset: the next record to read
 * @param finished        records above it whose outcomes are published: skip them. Offsets between records
 *                        (compacted away, transaction markers) may be included: nobody reads them
 * @param deliveredUpTo   one past the highest record whose call the owner started: an unfinished record from the
 *                        committed offset up to here may have reached AlipayHK already (a possible re-send).
 *                        Never below the committed offset
 */
public record ResumeMarks(long committedOffset, FinishedOffsets finished, long deliveredUpTo) {

    /** No marks: nothing is skipped, nothing is a possible re-send. */
    public static final ResumeMarks NONE = none(0);

    public ResumeMarks {
        if (committedOffset < 0) {
            throw new IllegalArgumentException("committedOffset must be >= 0, was " + committedOffset);
        }
        Objects.requireNonNull(finished, "finished");
        if (!finished.isEmpty() && finished.start(0) <= committedOffset) {
            throw new IllegalArgumentException("finished offsets must lie above the committed offset " + committedOffset
                    + ", lowest was " + finished.start(0));
        }
        deliveredUpTo = Math.max(deliveredUpTo, committedOffset);
    }

    /** Marks that say nothing beyond the committed offset. */
    public static ResumeMarks none(long committedOffset) {
        return new ResumeMarks(committedOffset, FinishedOffsets.NONE, committedOffset);
    }

    public boolean isFinished(long offset) {
        return finished.contains(offset);
    }

    /** True when the record at {@code offset} may have been sent to AlipayHK by an earlier owner. */
    public boolean mayHaveBeenSent(long offset) {
        return committedOffset <= offset && offset < deliveredUpTo;
    }
}

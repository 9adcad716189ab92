package passrelay.dispatch;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The "what may be committed" half of one partition: offsets accepted but not yet durably done.
 *
 * <p>Offsets arrive increasing, with gaps (compaction, transaction markers), and complete in any order.
 * They sit in a sorted array window {@code [head, tail)} with a done flag per slot: adding appends,
 * completing binary-searches, and the head skips done slots, so it always names the lowest pending offset.
 * When the array fills, done slots are dropped; memory therefore follows the pending count (about two
 * 17-byte slots per pending offset at most), even while one stuck offset holds the head for a long time.
 *
 * <p>Each slot also keeps when its record was received, so the head tells how long the lowest pending record — the
 * one holding the commit — has been waiting ({@link #oldestPendingReceivedAt}); offsets arrive in order, so it is
 * the oldest too.
 *
 * <p>Dropping done slots loses nothing a commit needs: above the head, every offset up to the highest added that
 * is not pending is finished — done, or never delivered (the consumer reads a partition in order, so offsets
 * between two added ones hold no record). {@link #addFinishedAboveHead} derives the finished set from the pending
 * slots alone.
 */
final class OffsetWatermark {

    private static final int MIN_CAPACITY = 16;

    private long[] offsets = new long[MIN_CAPACITY];
    private long[] receivedAt = new long[MIN_CAPACITY];
    private boolean[] done = new boolean[MIN_CAPACITY];
    private int head;
    private int tail;
    private int pending;
    private long highestAdded = -1;

    /** Marks {@code offset} pending with no receive time (a record done at once); see {@link #add(long, long)}. */
    void add(long offset) {
        add(offset, 0);
    }

    /**
     * Marks {@code offset} pending, received at {@code receivedAtMillis} (epoch ms); it must be above every offset
     * added before.
     */
    void add(long offset, long receivedAtMillis) {
        if (offset < 0 || offset == Long.MAX_VALUE) {
            throw new IllegalArgumentException("offset out of range: " + offset);
        }
        if (offset <= highestAdded) {
            throw new IllegalArgumentException("offset " + offset + " is not above the last accepted offset " + highestAdded);
        }
        if (tail == offsets.length) {
            compact();
        }
        offsets[tail] = offset;
        receivedAt[tail] = receivedAtMillis;
        done[tail] = false;
        tail++;
        pending++;
        highestAdded = offset;
    }

    /** Marks {@code offset} done; false when it was not pending (never added, or already done). */
    boolean complete(long offset) {
        int slot = Arrays.binarySearch(offsets, head, tail, offset);
        if (slot < 0 || done[slot]) {
            return false;
        }
        done[slot] = true;
        pending--;
        while (head < tail && done[head]) {
            head++;
        }
        return true;
    }

    int pendingCount() {
        return pending;
    }

    /** When the lowest pending offset was received (epoch ms); empty when nothing is pending. */
    OptionalLong oldestPendingReceivedAt() {
        return pending > 0 ? OptionalLong.of(receivedAt[head]) : OptionalLong.empty();
    }

    /**
     * The next offset to read after a restart (Kafka's commit convention): the lowest pending offset, or the
     * highest added + 1 when nothing is pending; empty when nothing was ever added.
     */
    OptionalLong committable() {
        if (pending > 0) {
            return OptionalLong.of(offsets[head]);
        }
        return highestAdded < 0 ? OptionalLong.empty() : OptionalLong.of(highestAdded + 1);
    }

    /** The highest offset added, or -1 when nothing was added. */
    long highestAdded() {
        return highestAdded;
    }

    /**
     * Adds to {@code finished} the offsets above {@link #committable} that need no re-reading: those up to the
     * highest added that are not pending. Costs one step per slot, at most as many ranges as pending offsets.
     */
    void addFinishedAboveHead(FinishedOffsets.Builder finished) {
        if (pending == 0) {
            return; // committable is past the highest added
        }
        long previousPending = offsets[head];
        for (int slot = head + 1; slot < tail; slot++) {
            if (!done[slot]) {
                finished.add(previousPending + 1, offsets[slot]);
                previousPending = offsets[slot];
            }
        }
        finished.add(previousPending + 1, highestAdded + 1);
    }

    /** Slots currently allocated; exposed so tests can check memory follows the pending count. */
    int capacity() {
        return offsets.length;
    }

    /** Keeps only pending slots, in a fresh array with as much free room as there are pending offsets. */
    private void compact() {
        int capacity = Math.max(MIN_CAPACITY, pending * 2);
        long[] kept = new long[capacity];
        long[] keptReceivedAt = new long[capacity];
        int count = 0;
        for (int slot = head; slot < tail; slot++) {
            if (!done[slot]) {
                keptReceivedAt[count] = receivedAt[slot];
                kept[count++] = offsets[slot];
            }
        }
        offsets = kept;
        receivedAt = keptReceivedAt;
        done = new boolean[capacity];
        head = 0;
        tail = count;
    }
}

package passrelay.dispatch;

import java.util.Arrays;

/**
 * The two ways the codec writes a finished set, both for the offsets from committed + 1 up and both cut to a
 * byte budget by keeping the lowest offsets: those are re-read first. Runs suit long stretches, a bitset
 * (8 offsets a byte) suits fragmented ones.
 */
enum MarksLayout {

    /** Pairs of varints: offsets not finished before the next finished run (0 only first), then the run's length. */
    RUNS(0) {
        @Override
        Body write(long committedOffset, FinishedOffsets finished, int budget) {
            MarkBytes.Writer out = new MarkBytes.Writer(budget);
            long cursor = committedOffset + 1;
            long kept = 0;
            for (int range = 0; range < finished.rangeCount(); range++) {
                long length = finished.end(range) - finished.start(range);
                if (!out.tryVarints(finished.start(range) - cursor, length)) {
                    break;
                }
                kept += length;
                cursor = finished.end(range);
            }
            return new Body(this, out.toBytes(), kept);
        }

        @Override
        FinishedOffsets read(long committedOffset, MarkBytes.Reader in) {
            FinishedOffsets.Builder finished = FinishedOffsets.builder();
            long cursor = -1; // end of the run before; none yet
            while (in.hasMore()) {
                long gap = in.varint();
                long length = in.varint();
                boolean first = cursor < 0;
                if ((gap == 0 && !first) || length == 0) {
                    throw new IllegalArgumentException("empty run");
                }
                long start = Math.addExact(first ? Math.addExact(committedOffset, 1) : cursor, gap);
                cursor = Math.addExact(start, length);
                finished.add(start, cursor);
            }
            return finished.build();
        }
    },

    /** Bit i (lowest bit of each byte first) set: offset committed + 1 + i is finished. Trailing zero bytes are cut. */
    BITSET(1) {
        @Override
        Body write(long committedOffset, FinishedOffsets finished, int budget) {
            byte[] bits = new byte[(int) Math.min(Math.max(0, budget), bytesToHoldAll(committedOffset, finished))];
            long capacity = 8L * bits.length;
            long kept = 0;
            int used = 0;
            for (int range = 0; range < finished.rangeCount(); range++) {
                long from = finished.start(range) - committedOffset - 1;
                long to = Math.min(finished.end(range) - committedOffset - 1, capacity);
                if (from >= capacity) {
                    break;
                }
                for (long bit = from; bit < to; bit++) {
                    bits[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
                kept += to - from;
                used = (int) ((to - 1) >>> 3) + 1;
            }
            return new Body(this, Arrays.copyOf(bits, used), kept);
        }

        @Override
        FinishedOffsets read(long committedOffset, MarkBytes.Reader in) {
            FinishedOffsets.Builder finished = FinishedOffsets.builder();
            for (long index = 0; in.hasMore(); index++) {
                int bits = in.unsignedByte();
                for (int bit = 0; bit < 8; bit++) {
                    if ((bits & (1 << bit)) != 0) {
                        long offset = Math.addExact(committedOffset, 1 + 8 * index + bit);
                        finished.add(offset, Math.addExact(offset, 1));
                    }
                }
            }
            return finished.build();
        }
    };

    /** Bytes of a bitset that reaches the highest finished offset. */
    private static long bytesToHoldAll(long committedOffset, FinishedOffsets finished) {
        return finished.isEmpty() ? 0 : (finished.end(finished.rangeCount() - 1) - committedOffset - 2) / 8 + 1;
    }

    /** A written finished set: its bytes and how many finished offsets they hold. */
    record Body(MarksLayout layout, byte[] bytes, long kept) {

        /** More finished offsets wins; on a tie, fewer bytes. */
        boolean betterThan(Body other) {
            return kept != other.kept ? kept > other.kept : bytes.length < other.bytes.length;
        }
    }

    /** Writes {@code finished} (all above {@code committedOffset}) into at most {@code budget} bytes. */
    abstract Body write(long committedOffset, FinishedOffsets finished, int budget);

    /** Reads what {@link #write} wrote, up to the reader's end; malformed input is an IllegalArgumentException. */
    abstract FinishedOffsets read(long committedOffset, MarkBytes.Reader in);

    /** The layout's byte in the format: fixed, whatever the order of the constants. */
    private final int code;

    MarksLayout(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static MarksLayout ofCode(int code) {
        for (MarksLayout layout : values()) {
            if (layout.code == code) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown layout " + code);
    }
}

package passrelay.dispatch;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * An immutable set of offsets whose records need no more work, held as sorted, disjoint, non-adjacent
 * half-open ranges {@code [start, end)}: a run of a million finished offsets costs one range.
 */
public final class FinishedOffsets {

    public static final FinishedOffsets NONE = new FinishedOffsets(new long[0], 0);

    /** start0, end0, start1, end1, ... */
    private final long[] bounds;
    private final long count;

    private FinishedOffsets(long[] bounds, long count) {
        this.bounds = bounds;
        this.count = count;
    }

    /** The given offsets, in any order; duplicates count once. */
    public static FinishedOffsets of(long... offsets) {
        long[] sorted = offsets.clone();
        Arrays.sort(sorted);
        Builder builder = new Builder();
        for (long offset : sorted) {
            if (offset >= builder.end()) {
                builder.add(offset, offset + 1);
            }
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean contains(long offset) {
        int low = 0;
        int high = rangeCount() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (offset < start(middle)) {
                high = middle - 1;
            } else if (offset >= end(middle)) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    /** How many offsets the set holds (not how many ranges). */
    public long count() {
        return count;
    }

    public int rangeCount() {
        return bounds.length / 2;
    }

    /** First offset of the {@code range}-th range. */
    public long start(int range) {
        return bounds[2 * range];
    }

    /** One past the last offset of the {@code range}-th range. */
    public long end(int range) {
        return bounds[2 * range + 1];
    }

    /** The offsets from {@code offset} up. */
    public FinishedOffsets from(long offset) {
        if (isEmpty() || offset <= start(0)) {
            return this;
        }
        Builder builder = new Builder();
        for (int range = 0; range < rangeCount(); range++) {
            if (end(range) > offset) {
                builder.add(Math.max(offset, start(range)), end(range));
            }
        }
        return builder.build();
    }

    /** Every offset, lowest first; meant for small sets (tests, logs). */
    public LongStream stream() {
        return LongStream.range(0, rangeCount()).flatMap(range -> LongStream.range(start((int) range), end((int) range)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FinishedOffsets that && Arrays.equals(bounds, that.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    /** The first ranges only: a set may hold thousands. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FinishedOffsets[");
        for (int range = 0; range < Math.min(rangeCount(), 8); range++) {
            text.append(range == 0 ? "" : ", ").append(start(range)).append("..").append(end(range) - 1);
        }
        return text.append(rangeCount() > 8 ? ", ... " + rangeCount() + " ranges]" : "]").toString();
    }

    /** Collects ranges in increasing order; touching ranges merge, empty ones are ignored. */
    public static final class Builder {

        private long[] bounds = new long[16];
        private int size;
        private long count;

        private Builder() {
        }

        /** Adds {@code [start, end)}; it must not begin below the end of the range added before. */
        public Builder add(long start, long end) {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("not a range of offsets: [" + start + ", " + end + ")");
            }
            if (start == end) {
                return this;
            }
            long previousEnd = size == 0 ? -1 : bounds[size - 1];
            if (start < previousEnd) {
                throw new IllegalArgumentException("range [" + start + ", " + end + ") is not above " + previousEnd);
            }
            if (start == previousEnd) {
                bounds[size - 1] = end;
            } else {
                if (size == bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[size++] = start;
                bounds[size++] = end;
            }
            count += end - start;
            return this;
        }

        /** One past the highest offset added so far, or -1 when nothing was added. */
        long end() {
            return size == 0 ? -1 : bounds[size - 1];
        }

        public FinishedOffsets build() {
            return size == 0 ? NONE : new FinishedOffsets(Arrays.copyOf(bounds, size), count);
        }
    }
}

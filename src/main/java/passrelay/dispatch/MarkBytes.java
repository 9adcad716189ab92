package passrelay.dispatch;

import java.util.Arrays;

/** Unsigned LEB128 varints (1 byte up to 127, at most 9 for a non-negative long) into a fixed budget, and back. */
final class MarkBytes {

    private MarkBytes() {
    }

    static int varintLength(long value) {
        int length = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            length++;
        }
        return length;
    }

    /** Writes into at most {@code budget} bytes, allocated as needed; a write that would not fit writes nothing. */
    static final class Writer {

        private final int budget;
        private byte[] bytes = new byte[32];
        private int size;

        Writer(int budget) {
            this.budget = Math.max(0, budget);
        }

        /** Writes both varints, or (when they do not both fit) neither; returns whether they were written. */
        boolean tryVarints(long first, long second) {
            if (varintLength(first) + varintLength(second) > budget - size) {
                return false;
            }
            varint(first);
            varint(second);
            return true;
        }

        /** Writes one varint; the caller has made sure it fits the budget. */
        void varint(long value) {
            if (bytes.length - size < 9) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            while ((value & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** Reads what a {@link Writer} wrote; anything malformed is an {@link IllegalArgumentException}. */
    static final class Reader {

        private final byte[] bytes;
        private final int end;
        private int position;

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int unsignedByte() {
            if (position >= end) {
                throw new IllegalArgumentException("cut short");
            }
            return bytes[position++] & 0xFF;
        }

        /** A non-negative long: nine 7-bit groups at most. */
        long varint() {
            long value = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                int next = unsignedByte();
                value |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("number too long");
        }
    }
}

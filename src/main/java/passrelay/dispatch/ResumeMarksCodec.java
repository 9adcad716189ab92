package passrelay.dispatch;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * {@link ResumeMarks} as the metadata string of one partition's offset commit, always within a size limit.
 *
 * <p>The string is {@code passrelay:1:} and then, in unpadded Base64url (ASCII, so chars = bytes), a layout byte
 * ({@link MarksLayout}), the committed offset and {@code deliveredUpTo − committed} as varints, the finished set
 * in that layout, and a CRC32C of all before it. The committed offset is written out so metadata carried to
 * another offset (a mirror translating offsets, a tool that resets offsets but keeps metadata) is ignored instead
 * of marking the wrong records finished; the checksum does the same for truncated or damaged strings. Reading
 * never throws: anything it does not understand yields no marks and one sentence for the log.
 */
public final class ResumeMarksCodec {

    /** Kafka's {@code offset.metadata.max.bytes} is 4096 by default; leave a margin. */
    public static final int DEFAULT_MAX_CHARS = 4000;
    /** Room for the tag, the header and the checksum, whatever the offsets. */
    public static final int MIN_MAX_CHARS = 64;

    static final String TAG = "passrelay:1:";
    private static final String FAMILY = "passrelay:";
    private static final int CHECKSUM_BYTES = 4;
    private static final int QUOTED_CHARS = 40;

    /** The metadata string and how many finished offsets it holds; those that did not fit are dropped. */
    public record Encoded(String metadata, long finishedKept, long finishedDropped) {
    }

    /** The marks read (none when the metadata was absent or ignored) and why it was ignored, if it was. */
    public record Decoded(ResumeMarks marks, Optional<String> ignoredBecause) {
    }

    private ResumeMarksCodec() {
    }

    /**
     * The metadata for {@code marks}, at most {@code maxChars} long. When the finished set does not fit, the
     * runs closest to the committed offset are kept (they are re-read first) and the rest counted as dropped.
     */
    public static Encoded encode(ResumeMarks marks, int maxChars) {
        if (maxChars < MIN_MAX_CHARS) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_MAX_CHARS + ", was " + maxChars);
        }
        long committed = marks.committedOffset();
        long delivered = marks.deliveredUpTo() - committed;
        int headerBytes = 1 + MarkBytes.varintLength(committed) + MarkBytes.varintLength(delivered);
        int budget = base64BytesWithin(maxChars - TAG.length()) - headerBytes - CHECKSUM_BYTES;
        MarksLayout.Body best = null;
        for (MarksLayout layout : MarksLayout.values()) {
            MarksLayout.Body body = layout.write(committed, marks.finished(), budget);
            if (best == null || body.betterThan(best)) {
                best = body;
            }
        }
        MarkBytes.Writer header = new MarkBytes.Writer(headerBytes);
        header.varint(best.layout().code());
        header.varint(committed);
        header.varint(delivered);
        byte[] payload = withChecksum(header.toBytes(), best.bytes());
        String metadata = TAG + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        return new Encoded(metadata, best.kept(), marks.finished().count() - best.kept());
    }

    /** The marks in {@code metadata}, committed with {@code committedOffset}; never throws. */
    public static Decoded decode(long committedOffset, String metadata) {
        if (committedOffset < 0) {
            return ignored(ResumeMarks.NONE, "no committed offset (" + committedOffset + ")");
        }
        ResumeMarks none = ResumeMarks.none(committedOffset);
        if (metadata == null || metadata.isEmpty()) {
            return new Decoded(none, Optional.empty());
        }
        if (!metadata.startsWith(TAG)) {
            return ignored(none, (metadata.startsWith(FAMILY) ? "resume marks of an unknown format version: "
                    : "not passrelay's resume marks: ") + quote(metadata));
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(metadata.substring(TAG.length()));
            return new Decoded(read(committedOffset, payload), Optional.empty());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return ignored(none, "unreadable resume marks (" + e.getMessage() + "): " + quote(metadata));
        }
    }

    private static ResumeMarks read(long committedOffset, byte[] payload) {
        int contentEnd = payload.length - CHECKSUM_BYTES;
        if (contentEnd < 3) {
            throw new IllegalArgumentException("too short");
        }
        if (checksum(payload, contentEnd) != ByteBuffer.wrap(payload, contentEnd, CHECKSUM_BYTES).getInt()) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        MarkBytes.Reader in = new MarkBytes.Reader(payload, 0, contentEnd);
        MarksLayout layout = MarksLayout.ofCode(in.unsignedByte());
        long written = in.varint();
        if (written != committedOffset) {
            throw new IllegalArgumentException(
                    "written for offset " + written + ", committed offset is " + committedOffset);
        }
        long deliveredUpTo = Math.addExact(committedOffset, in.varint());
        return new ResumeMarks(committedOffset, layout.read(committedOffset, in), deliveredUpTo);
    }

    /** The most bytes whose unpadded Base64 takes at most {@code chars} characters (4 per 3 bytes, 2 or 3 for the rest). */
    private static int base64BytesWithin(int chars) {
        return chars / 4 * 3 + Math.max(0, chars % 4 - 1);
    }

    private static byte[] withChecksum(byte[] header, byte[] body) {
        ByteBuffer payload = ByteBuffer.allocate(header.length + body.length + CHECKSUM_BYTES);
        payload.put(header).put(body);
        payload.putInt(checksum(payload.array(), header.length + body.length));
        return payload.array();
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static Decoded ignored(ResumeMarks none, String reason) {
        return new Decoded(none, Optional.of(reason));
    }

    /** The start of untrusted text, printable ASCII only, for a log line. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.chars().limit(QUOTED_CHARS).forEach(c -> quoted.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return quoted.append(text.length() > QUOTED_CHARS ? "...\"" : "\"").toString();
    }
}

package passrelay.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;

/** The checks a record value must pass before it is worth handing to the JSON parser. */
final class RawValue {
    private static final int CHUNK = 4096;

    private RawValue() {
    }

    /** Why {@code value} cannot be a JSON text, or empty when it might be one. */
    static Optional<String> problem(byte[] value) {
        if (value == null) {
            return Optional.of("record value is null");
        }
        if (value.length == 0) {
            return Optional.of("record value is empty");
        }
        if (value.length > Json.MAX_DOCUMENT_BYTES) {
            return Optional.of("record value is " + value.length + " bytes, more than the limit of "
                    + Json.MAX_DOCUMENT_BYTES);
        }
        return invalidUtf8(value);
    }

    // Strict decoding: rejects overlong forms, encoded surrogates and code points past U+10FFFF.
    private static Optional<String> invalidUtf8(byte[] value) {
        CharsetDecoder decoder = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(Math.min(CHUNK, value.length)); // never more chars than bytes
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (result.isError()) {
            return Optional.of("record value is not valid UTF-8 (bad byte at offset " + in.position() + ")");
        }
        return Optional.empty();
    }
}

package passrelay.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import passrelay.event.DecodedEvent.Malformed;

/** Records that are no usable event at all are Malformed with a reason, and decoding never throws. */
class EventDecoderMalformedTest {
    private static final String UPDATE = "\"update\":{\"passId\":\"p-1\",\"status\":\"USED\",\"userId\":\"u\"}";

    private final EventDecoder decoder = new EventDecoder(Optional.of("2160120041113167"));

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                malformed("null value", null, "null"),
                malformed("empty value", new byte[0], "empty"),
                malformed("white space only", utf8("  \n "), "white space"),
                malformed("not JSON", utf8("hello, world"), "not valid JSON"),
                malformed("a JSON array", utf8("[{\"eventId\":\"e-1\"}]"), "JSON array"),
                malformed("a JSON string", utf8("\"e-1\""), "JSON string"),
                malformed("JSON null", utf8("null"), "JSON null"),
                malformed("missing eventId", utf8("{" + UPDATE + "}"), "eventId is missing"),
                malformed("numeric eventId", utf8("{\"eventId\":42," + UPDATE + "}"), "eventId must be a string"),
                malformed("blank eventId", utf8("{\"eventId\":\"  \"," + UPDATE + "}"), "eventId is blank"),
                malformed("missing update", utf8("{\"eventId\":\"e-1\"}"), "update is missing"),
                malformed("update as an array", utf8("{\"eventId\":\"e-1\",\"update\":[]}"), "update must be a JSON object"),
                malformed("missing passId", utf8("{\"eventId\":\"e-1\",\"update\":{\"status\":\"USED\"}}"),
                        "update.passId is missing"),
                malformed("numeric passId", utf8("{\"eventId\":\"e-1\",\"update\":{\"passId\":7}}"),
                        "update.passId must be a string"),
                malformed("blank passId", utf8("{\"eventId\":\"e-1\",\"update\":{\"passId\":\"\"}}"), "update.passId is blank"),
                malformed("binary garbage", garbage(), ""),
                malformed("invalid UTF-8", invalidUtf8(), "UTF-8"),
                malformed("UTF-8 encoded surrogate", encodedSurrogate(), "UTF-8"),
                malformed("a 2 MB string", hugeString(), "limit"),
                malformed("more than 2 MiB", utf8("{\"eventId\":\"" + "e".repeat(3 * 1024 * 1024) + "\"}"), "bytes"),
                malformed("10,000-deep nesting", deepNesting(), "nesting depth"),
                malformed("duplicate keys", utf8("{\"eventId\":\"e-1\",\"eventId\":\"e-2\"," + UPDATE + "}"),
                        "duplicate key 'eventId'"),
                malformed("duplicate keys inside dataInfo",
                        utf8("{\"eventId\":\"e-1\"," + UPDATE.replace("}", ",\"dataInfo\":{\"a\":1,\"a\":2}}") + "}"),
                        "duplicate key 'a'"),
                malformed("trailing garbage", utf8("{\"eventId\":\"e-1\"," + UPDATE + "} trailing"), "not valid JSON"),
                malformed("a second document", utf8("{\"eventId\":\"e-1\"," + UPDATE + "}{}"), "not valid JSON"),
                malformed("a truncated document", utf8("{\"eventId\":\"e-1\"," + UPDATE), "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedValues")
    void shouldClassifyAsMalformedWithAReason(byte[] value, String reasonFragment) {
        DecodedEvent decoded = decoder.decode(value);

        assertThat(decoded).isInstanceOf(Malformed.class);
        assertThat(((Malformed) decoded).reason()).contains(reasonFragment).hasSizeLessThan(250);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void shouldNameTheLineAndColumnOfASyntaxErrorWithoutTheParsersSourceDump(String value, String expected) {
        String reason = ((Malformed) decoder.decode(utf8(value))).reason();

        assertThat(reason).isEqualTo(expected).doesNotContain("Source").doesNotContain("`").doesNotContain("\n");
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("{\n  \"eventId\": \"e-1\",\n  \"x\": tru\n}", "record value is not valid JSON at line 3, "
                        + "column 8: Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token "
                        + "'null', 'true' or 'false')"),
                Arguments.of("[1,2", "record value is not valid JSON at line 1, column 5: Unexpected end-of-input: "
                        + "expected close marker for Array (start marker at line 1, column 1)"),
                Arguments.of("{\"eventId\":\"e-1\"}{}", "record value is not valid JSON at line 1, column 18: "
                        + "more data after the end of the JSON value"),
                Arguments.of("{\"a\":1,\n\"a\":2}", "record value has a duplicate key 'a' at line 2, column 4"));
    }

    @Test
    void shouldKeepTheEventIdOfAMalformedEventWhenItIsReadable() {
        Malformed malformed = (Malformed) decoder.decode(utf8("{\"eventId\":\"e-1\",\"update\":\"later\"}"));

        assertThat(malformed.eventId()).contains("e-1");
    }

    @Test
    void shouldQuoteNoMoreThanFortyCharactersOfTheInput() {
        String longToken = "A".repeat(1000);
        String longKey = "K".repeat(1000);

        String notJson = ((Malformed) decoder.decode(utf8(longToken))).reason();
        String duplicate = ((Malformed) decoder.decode(utf8("{\"" + longKey + "\":1,\"" + longKey + "\":2}"))).reason();

        assertThat(notJson).doesNotContain("A".repeat(41));
        assertThat(duplicate).contains("duplicate key").doesNotContain("K".repeat(41));
    }

    @Test
    void shouldNeverThrowOnMutationsOfAValidEvent() {
        byte[] valid = SampleEvents.bytes(SampleEvents.validUpdateEvent());
        Random random = new Random(20261125);
        for (int i = 0; i < 5_000; i++) {
            byte[] mutated = mutate(valid, random);

            DecodedEvent decoded = decoder.decode(mutated);

            assertThat(decoded).as("mutation %d", i).isNotNull();
            if (decoded instanceof Malformed malformed) {
                assertThat(malformed.reason()).as("mutation %d", i).isNotBlank().hasSizeLessThan(250);
            }
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        int cut = random.nextInt(valid.length + 1);
        byte[] mutated = random.nextBoolean() ? valid.clone() : Arrays.copyOf(valid, cut);
        for (int flips = random.nextInt(4); flips > 0 && mutated.length > 0; flips--) {
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        return mutated;
    }

    private static Arguments malformed(String name, byte[] value, String reasonFragment) {
        return Arguments.of(Named.of(name, value), reasonFragment);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    private static byte[] garbage() {
        byte[] bytes = new byte[512];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static byte[] invalidUtf8() {
        // A lead byte followed by ASCII: never valid.
        return concat(utf8("{\"eventId\":\"e-"), new byte[] {(byte) 0xC3, '('}, utf8("\"," + UPDATE + "}"));
    }

    private static byte[] encodedSurrogate() {
        return concat(utf8("{\"eventId\":\"e-"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                utf8("\"," + UPDATE + "}"));
    }

    private static byte[] hugeString() {
        return utf8("{\"eventId\":\"e-1\"," + UPDATE.replace("}", ",\"dataInfo\":{\"blob\":\"" + "x".repeat(2_000_000) + "\"}}")
                + "}");
    }

    private static byte[] deepNesting() {
        return utf8("{\"eventId\":\"e-1\",\"update\":{\"passId\":\"p\",\"dataInfo\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + "}}");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

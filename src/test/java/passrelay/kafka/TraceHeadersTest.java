package passrelay.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceHeadersTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    @Test
    void shouldReadTheW3cContextARecordCarries() {
        Headers headers = headers(TraceHeaders.TRACEPARENT, TRACEPARENT, TraceHeaders.TRACESTATE, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");

        SpanContext context = spanContext(TraceHeaders.extract(headers));

        assertThat(context.isValid()).isTrue();
        assertThat(context.isRemote()).isTrue();
        assertThat(context.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(context.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(context.isSampled()).isTrue();
        assertThat(context.getTraceState().get("congo")).isEqualTo("t61rcWkgMzE");
    }

    @Test
    void shouldWriteBackExactlyTheContextItRead() {
        Headers in = headers(TraceHeaders.TRACEPARENT, TRACEPARENT, TraceHeaders.TRACESTATE, "congo=t61rcWkgMzE");
        Headers out = new RecordHeaders();

        TraceHeaders.inject(Span.fromContext(TraceHeaders.extract(in)), out);

        assertThat(value(out, TraceHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(value(out, TraceHeaders.TRACESTATE)).isEqualTo("congo=t61rcWkgMzE");
    }

    @Test
    void shouldWriteNothingForARecordThatCarriedNoContext() {
        Headers out = new RecordHeaders();

        TraceHeaders.inject(Span.fromContext(TraceHeaders.extract(new RecordHeaders())), out);

        assertThat(out.toArray()).isEmpty();
    }

    @Test
    void shouldReadTheLastTraceparentWhenThereAreSeveral() {
        String later = "00-" + TRACE_ID + "-b7ad6b7169203331-01";
        Headers headers = headers(TraceHeaders.TRACEPARENT, TRACEPARENT, TraceHeaders.TRACEPARENT, later);

        assertThat(spanContext(TraceHeaders.extract(headers)).getSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void shouldNotRepeatAHeaderTheLastOfItsNameAlreadySays() {
        Headers deadLetter = headers(TraceHeaders.TRACEPARENT, TRACEPARENT, "passrelay.dlt.reason", "UNKNOWN_RESULT");

        TraceHeaders.inject(Span.fromContext(TraceHeaders.extract(deadLetter)), deadLetter);

        assertThat(deadLetter.headers(TraceHeaders.TRACEPARENT)).hasSize(1);
    }

    @Test
    void shouldAddItsOwnContextAfterTheOriginalOne() {
        Headers deadLetter = headers(TraceHeaders.TRACEPARENT, TRACEPARENT);
        SpanContext own = SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());

        TraceHeaders.inject(Span.wrap(own), deadLetter);

        assertThat(deadLetter.headers(TraceHeaders.TRACEPARENT)).extracting(h -> new String(h.value(), UTF_8))
                .containsExactly(TRACEPARENT, "00-" + TRACE_ID + "-b7ad6b7169203331-01");
    }

    static Stream<Arguments> hostileTraceparents() {
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) '0');
        return Stream.of(
                Arguments.of("no value", null),
                Arguments.of("empty", new byte[0]),
                Arguments.of("not W3C", bytes("hello")),
                Arguments.of("all-zero trace id", bytes("00-00000000000000000000000000000000-" + SPAN_ID + "-01")),
                Arguments.of("all-zero span id", bytes("00-" + TRACE_ID + "-0000000000000000-01")),
                Arguments.of("version ff", bytes("ff-" + TRACE_ID + "-" + SPAN_ID + "-01")),
                Arguments.of("version 00 with more after it", bytes(TRACEPARENT + "-extra")),
                Arguments.of("upper-case hex", bytes("00-" + TRACE_ID.toUpperCase() + "-" + SPAN_ID + "-01")),
                Arguments.of("not hex", bytes("00-" + TRACE_ID.replace('4', 'g') + "-" + SPAN_ID + "-01")),
                Arguments.of("bad flags", bytes("00-" + TRACE_ID + "-" + SPAN_ID + "-zz")),
                Arguments.of("short by one", bytes(TRACEPARENT.substring(1))),
                Arguments.of("a header line smuggled in", bytes(TRACEPARENT.substring(0, 53) + "\r\nX-Evil: 1")),
                Arguments.of("not UTF-8", new byte[] {(byte) 0xC3, (byte) 0x28, 0, 1, 2, (byte) 0xFF}),
                Arguments.of("lookalike digits", bytes("00-" + TRACE_ID.replace('0', '\u0660') + "-" + SPAN_ID + "-01")),
                Arguments.of("a megabyte", huge));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTraceparents")
    void shouldIgnoreAnUnusableTraceparent(String what, byte[] value) {
        Headers headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, value);
        headers.add(TraceHeaders.TRACESTATE, bytes("congo=t61rcWkgMzE"));

        Context context = TraceHeaders.extract(headers);
        Headers out = new RecordHeaders();
        TraceHeaders.inject(Span.fromContext(context), out);

        assertThat(spanContext(context).isValid()).isFalse();
        assertThat(out.toArray()).as("nothing carried on").isEmpty();
    }

    @Test
    void shouldKeepTheParentWhenOnlyItsTracestateIsUnusable() {
        byte[] oversized = new byte[TraceHeaders.MAX_VALUE_BYTES + 1];
        Arrays.fill(oversized, (byte) 'a');
        for (byte[] tracestate : List.of(bytes("=,=,no equals sign,\u0000"), oversized)) {
            Headers headers = new RecordHeaders();
            headers.add(TraceHeaders.TRACEPARENT, bytes(TRACEPARENT));
            headers.add(TraceHeaders.TRACESTATE, tracestate);

            SpanContext context = spanContext(TraceHeaders.extract(headers));

            assertThat(context.getSpanId()).isEqualTo(SPAN_ID);
            assertThat(context.getTraceState().isEmpty()).isTrue();
        }
    }

    @Test
    void shouldLetTheLastTraceparentDecideEvenWhenItIsUnusable() {
        Headers headers = headers(TraceHeaders.TRACEPARENT, TRACEPARENT, TraceHeaders.TRACEPARENT, "junk");

        assertThat(spanContext(TraceHeaders.extract(headers)).isValid()).isFalse();
    }

    static Headers headers(String... namesAndValues) {
        Headers headers = new RecordHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], bytes(namesAndValues[i + 1]));
        }
        return headers;
    }

    static String value(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), UTF_8);
    }

    private static SpanContext spanContext(Context context) {
        return Span.fromContext(context).getSpanContext();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}

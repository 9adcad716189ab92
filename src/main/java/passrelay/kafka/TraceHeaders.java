package passrelay.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers. Always the W3C propagator,
 * never the configured ones: it is the topics' documented format, it works with no SDK (whose global propagators
 * are no-ops), and it carries no {@code baggage} into outcomes. A header is read from its last occurrence (a dead
 * letter carries the original record's, then its own); a value that is missing, oversized, not UTF-8 or not W3C
 * is no context at all, never an error.
 */
final class TraceHeaders {
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    /** Longer values are ignored unread: W3C's tracestate has at most 32 members of at most 256 characters. */
    static final int MAX_VALUE_BYTES = 8192;

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> READER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header last = headers == null ? null : headers.lastHeader(key);
            byte[] value = last == null ? null : last.value();
            return value == null || value.length > MAX_VALUE_BYTES ? null : new String(value, UTF_8);
        }
    };

    /** Adds a header unless the last one of its name already says the same (a dead letter's original context). */
    private static final TextMapSetter<Headers> WRITER = (headers, key, value) -> {
        byte[] bytes = value.getBytes(UTF_8);
        Header last = headers.lastHeader(key);
        if (last == null || !Arrays.equals(last.value(), bytes)) {
            headers.add(key, bytes);
        }
    };

    private TraceHeaders() {
    }

    /** The context the record carries, to parent its processing; {@link Context#root()} when it carries none. */
    static Context extract(Headers headers) {
        try {
            return W3C.extract(Context.root(), headers, READER);
        } catch (RuntimeException unforeseen) {
            return Context.root(); // the propagator ignores malformed values itself; a record must never fail here
        }
    }

    /** Writes the span's context into {@code headers}; nothing for a span without a valid context. */
    static void inject(Span span, Headers headers) {
        if (span.getSpanContext().isValid()) {
            W3C.inject(Context.root().with(span), headers, WRITER);
        }
    }
}

package passrelay.kafka;

import static passrelay.kafka.SpanAttributes.CLIENT_ID;
import static passrelay.kafka.SpanAttributes.DESTINATION;
import static passrelay.kafka.SpanAttributes.ERROR_TYPE;
import static passrelay.kafka.SpanAttributes.KAFKA;
import static passrelay.kafka.SpanAttributes.MESSAGE_KEY;
import static passrelay.kafka.SpanAttributes.MESSAGING_SYSTEM;
import static passrelay.kafka.SpanAttributes.OFFSET;
import static passrelay.kafka.SpanAttributes.OPERATION_NAME;
import static passrelay.kafka.SpanAttributes.OPERATION_TYPE;
import static passrelay.kafka.SpanAttributes.PARTITION;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The PRODUCER span {@code send <topic>} of each results record or dead letter sent to one topic, a child of
 * the record's process span; its context is the one the outgoing record's {@code traceparent} carries (the
 * conventions' creation context of a single message). A send tried again is a span of its own. Started on the
 * event loop, ended on the producer's acknowledgement. With tracing off the process span's context, if the
 * record carried one, goes into the header unchanged.
 */
final class SendSpans {
    private static final String SEND = "send";

    private final Tracer tracer;
    private final String name;
    private final String topic;
    private final String clientId;

    SendSpans(Tracer tracer, String topic, String clientId) {
        this.tracer = tracer;
        this.name = SEND + " " + topic;
        this.topic = topic;
        this.clientId = clientId;
    }

    /** Starts the send of {@code record} and writes the span's context into its headers. */
    Span start(Span process, ProducerRecord<byte[], byte[]> record) {
        Span span = tracer.isEnabled()
                ? tracer.spanBuilder(name).setSpanKind(SpanKind.PRODUCER).setParent(Context.root().with(process))
                        .setAttribute(MESSAGING_SYSTEM, KAFKA).setAttribute(OPERATION_NAME, SEND)
                        .setAttribute(OPERATION_TYPE, SEND).setAttribute(DESTINATION, topic)
                        .setAttribute(CLIENT_ID, clientId).startSpan()
                : Span.wrap(process.getSpanContext());
        if (span.isRecording()) {
            SpanAttributes.keyText(record.key()).ifPresent(key -> span.setAttribute(MESSAGE_KEY, key));
        }
        TraceHeaders.inject(span, record.headers());
        return span;
    }

    /**
     * The span as the current context while the producer is handed the record: should the OpenTelemetry agent's
     * own Kafka instrumentation be left on, its span (and the header it rewrites) then continues this trace.
     */
    static Scope current(Span span) {
        return span.getSpanContext().isValid() ? Context.root().with(span).makeCurrent() : Scope.noop();
    }

    /** The broker acknowledged the record ({@code error} null) or the send failed. */
    void end(Span span, RecordMetadata metadata, Exception error) {
        if (span.isRecording()) {
            if (error == null) {
                span.setAttribute(PARTITION, SpanAttributes.partitionId(metadata.partition()))
                        .setAttribute(OFFSET, metadata.offset());
            } else {
                span.setAttribute(ERROR_TYPE, error.getClass().getName()).setStatus(StatusCode.ERROR);
            }
        }
        span.end();
    }
}

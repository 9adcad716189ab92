package passrelay.kafka;

import static passrelay.kafka.SpanAttributes.CLIENT_ID;
import static passrelay.kafka.SpanAttributes.CONSUMER_GROUP;
import static passrelay.kafka.SpanAttributes.DEAD_LETTER_REASON;
import static passrelay.kafka.SpanAttributes.DESTINATION;
import static passrelay.kafka.SpanAttributes.ERROR_TYPE;
import static passrelay.kafka.SpanAttributes.HANDED_OVER;
import static passrelay.kafka.SpanAttributes.KAFKA;
import static passrelay.kafka.SpanAttributes.MESSAGE_ID;
import static passrelay.kafka.SpanAttributes.MESSAGE_KEY;
import static passrelay.kafka.SpanAttributes.MESSAGING_SYSTEM;
import static passrelay.kafka.SpanAttributes.OFFSET;
import static passrelay.kafka.SpanAttributes.OPERATION_NAME;
import static passrelay.kafka.SpanAttributes.OPERATION_TYPE;
import static passrelay.kafka.SpanAttributes.PARTITION;
import static passrelay.kafka.SpanAttributes.RESULT_CODE;
import static passrelay.kafka.SpanAttributes.RESULT_STATUS;
import static passrelay.kafka.SpanAttributes.SKIPPED;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.event.DeadLetterReason;
import passrelay.event.DecodedEvent;

/**
 * The CONSUMER span {@code process <topic>} of each record: started on the poll thread as the record is handed
 * over, ended on the event loop once its outcome is decided and handed to the producer (its sends are child
 * spans of their own). Its parent is the context the record carries, as the messaging conventions allow for
 * single messages; a record without one starts a trace only where an SDK records spans. With tracing off (no
 * SDK or agent: the tracer is disabled) no span is built, and the record's own context is carried as it came.
 */
final class ProcessSpans {
    private static final String PROCESS = "process";

    private final Tracer tracer;
    private final String name;
    private final String topic;
    private final String groupId;
    private final String clientId;

    ProcessSpans(Tracer tracer, String topic, String groupId, String clientId) {
        this.tracer = tracer;
        this.name = PROCESS + " " + topic;
        this.topic = topic;
        this.groupId = groupId;
        this.clientId = clientId;
    }

    /** Any thread. */
    Span start(ConsumerRecord<byte[], byte[]> record, DecodedEvent decoded) {
        Context carried = TraceHeaders.extract(record.headers());
        if (!tracer.isEnabled()) {
            return Span.fromContext(carried);
        }
        Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER).setParent(carried)
                .setAttribute(MESSAGING_SYSTEM, KAFKA).setAttribute(OPERATION_NAME, PROCESS)
                .setAttribute(OPERATION_TYPE, PROCESS).setAttribute(DESTINATION, topic)
                .setAttribute(PARTITION, SpanAttributes.partitionId(record.partition()))
                .setAttribute(CONSUMER_GROUP, groupId).setAttribute(CLIENT_ID, clientId)
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute(OFFSET, record.offset());
            SpanAttributes.bounded(eventId(decoded)).ifPresent(id -> span.setAttribute(MESSAGE_ID, id));
            SpanAttributes.keyText(record.key()).ifPresent(key -> span.setAttribute(MESSAGE_KEY, key));
        }
        return span;
    }

    /** The outcome is published: a results record, and a dead letter for an unknown one. */
    void outcome(Span span, String resultStatus, String resultCode, boolean deadLettered) {
        if (span.isRecording()) {
            span.setAttribute(RESULT_STATUS, resultStatus).setAttribute(RESULT_CODE, resultCode);
            if (deadLettered) {
                failed(span, DeadLetterReason.UNKNOWN_RESULT);
            }
        }
        span.end();
    }

    void malformed(Span span) {
        if (span.isRecording()) {
            failed(span, DeadLetterReason.MALFORMED_EVENT);
        }
        span.end();
    }

    /** An earlier owner of the partition had published the record's outcome. */
    void skipped(Span span) {
        end(span, SKIPPED);
    }

    /** The partition was lost while the record was called: its next owner processes it again. */
    void handedOver(Span span) {
        end(span, HANDED_OVER);
    }

    private static void end(Span span, AttributeKey<Boolean> flag) {
        if (span.isRecording()) {
            span.setAttribute(flag, true);
        }
        span.end();
    }

    private static void failed(Span span, DeadLetterReason reason) {
        span.setAttribute(DEAD_LETTER_REASON, reason.name()).setAttribute(ERROR_TYPE, reason.name())
                .setStatus(StatusCode.ERROR);
    }

    private static Optional<String> eventId(DecodedEvent decoded) {
        if (decoded instanceof DecodedEvent.Valid valid) {
            return Optional.of(valid.event().eventId());
        }
        if (decoded instanceof DecodedEvent.Invalid invalid) {
            return Optional.of(invalid.event().eventId());
        }
        return ((DecodedEvent.Malformed) decoded).eventId();
    }
}

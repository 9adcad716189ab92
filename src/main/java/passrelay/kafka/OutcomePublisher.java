package passrelay.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes results and dead letters, each under a send span of the record's trace whose context goes into the
 * record's {@code traceparent}; each future completes when the broker has acknowledged (acks=all).
 */
final class OutcomePublisher {
    private final Producer<byte[], byte[]> producer;
    private final String resultsTopic;
    private final String dltTopic;
    private final SendSpans resultSends;
    private final SendSpans deadLetterSends;

    OutcomePublisher(Producer<byte[], byte[]> producer, String resultsTopic, String dltTopic, Tracing tracing) {
        this.producer = producer;
        this.resultsTopic = resultsTopic;
        this.dltTopic = dltTopic;
        this.resultSends = tracing.sends(resultsTopic);
        this.deadLetterSends = tracing.sends(dltTopic);
    }

    /** @param process the span of the record whose outcome this is */
    CompletableFuture<Void> result(String passId, byte[] json, Span process) {
        return send(new ProducerRecord<>(resultsTopic, passId.getBytes(StandardCharsets.UTF_8), json), resultSends,
                process);
    }

    /** The original key, value and headers, unchanged, plus the dead-letter headers (and the trace's, last). */
    CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> original, Map<String, String> headers,
                                       Span process) {
        RecordHeaders all = new RecordHeaders(original.headers().toArray());
        headers.forEach((name, value) -> all.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return send(new ProducerRecord<>(dltTopic, null, original.key(), original.value(), all), deadLetterSends,
                process);
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record, SendSpans spans, Span process) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Span span = spans.start(process, record);
        try (Scope ignored = SendSpans.current(span)) {
            producer.send(record, (metadata, error) -> {
                spans.end(span, metadata, error);
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            spans.end(span, null, e);
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    void flush() {
        producer.flush();
    }
}

package passrelay.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes results and dead letters; each future completes when the broker has acknowledged (acks=all). */
final class OutcomePublisher {
    private final Producer<byte[], byte[]> producer;
    private final String resultsTopic;
    private final String dltTopic;

    OutcomePublisher(Producer<byte[], byte[]> producer, String resultsTopic, String dltTopic) {
        this.producer = producer;
        this.resultsTopic = resultsTopic;
        this.dltTopic = dltTopic;
    }

    CompletableFuture<Void> result(String passId, byte[] json) {
        return send(new ProducerRecord<>(resultsTopic, passId.getBytes(StandardCharsets.UTF_8), json));
    }

    /** The original key, value and headers, unchanged, plus the dead-letter headers. */
    CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> original, Map<String, String> headers) {
        RecordHeaders all = new RecordHeaders(original.headers().toArray());
        headers.forEach((name, value) -> all.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return send(new ProducerRecord<>(dltTopic, null, original.key(), original.value(), all));
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    void flush() {
        producer.flush();
    }
}

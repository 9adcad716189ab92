package passrelay.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How a ticketing system publishes pass updates for passrelay (docs/publishing.md). Only kafka-clients and
 * Jackson: nothing of passrelay's own code.
 *
 * <pre>java ... passrelay.examples.PublishExample localhost:9092 pass-updates MERCHANT USER PASS</pre>
 */
public final class PublishExample implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public PublishExample(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Written to every in-sync replica before it counts, and never duplicated or reordered by the
        // producer's own retries: the order of one pass's events is the order AlipayHK sees.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /**
     * Publishes one update as a new event: a fresh eventId, the record key = update.passId (UTF-8), the
     * value UTF-8 JSON. Returns the eventId, which every outcome of this event carries.
     */
    public Published publish(ObjectNode update) {
        String passId = update.path("passId").asText();
        if (passId.isBlank()) {
            throw new IllegalArgumentException("update.passId is required: it is the record key");
        }
        String eventId = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode()
                .put("eventId", eventId)
                .put("occurredAt", Instant.now().toString());
        event.set("update", update);
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, passId, bytes(event)));
        return new Published(eventId, passId, sent);
    }

    /** Waits until everything sent so far is acknowledged (or has failed). */
    public void flush() {
        producer.flush();
    }

    /** A USED update: the pass moves to the wallet's used page. */
    public static ObjectNode used(String merchantId, String userId, String passId) {
        return JSON.createObjectNode().put("merchantId", merchantId).put("userId", userId).put("passId", passId)
                .put("status", "USED");
    }

    /** An UPDATE of a movie ticket: new content for the pass (dataInfo is sent to AlipayHK unchanged). */
    public static ObjectNode movieUpdate(String merchantId, String userId, String passId, ObjectNode dataInfo) {
        ObjectNode update = JSON.createObjectNode().put("merchantId", merchantId).put("userId", userId)
                .put("passId", passId).put("status", "UPDATE").put("updateDetailType", "UPDATE_MOVIE")
                .put("bizDate", System.currentTimeMillis());
        update.set("dataInfo", dataInfo);
        return update;
    }

    @Override
    public void close() {
        producer.close();
    }

    /** One published event: check {@link #acknowledged()} before telling anyone it was published. */
    public record Published(String eventId, String passId, Future<RecordMetadata> sent) {
        public RecordMetadata acknowledged() throws InterruptedException {
            try {
                return sent.get();
            } catch (ExecutionException e) {
                // Not published. Do not publish later updates of this pass before this one is: stop, retry
                // it (a new producer), then go on, or the pass's order is lost.
                throw new IllegalStateException("event " + eventId + " of pass " + passId + " was not published",
                        e.getCause());
            }
        }
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: PublishExample BOOTSTRAP_SERVERS TOPIC MERCHANT_ID USER_ID PASS_ID");
            System.exit(2);
        }
        try (PublishExample publisher = new PublishExample(args[0], args[1])) {
            Published published = publisher.publish(used(args[2], args[3], args[4]));
            RecordMetadata where = published.acknowledged();
            System.out.printf("published %s for pass %s at %s-%d@%d%n", published.eventId(), published.passId(),
                    where.topic(), where.partition(), where.offset());
        }
    }
}

package passrelay.demo;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer the demo, tests and benchmarks publish sample events with. Not idempotent, one
 * request in flight: order kept on retries, and no OutOfOrderSequence stalls when a freshly
 * created topic's leader is still settling on the embedded broker.
 */
public final class SampleProducer {
    private SampleProducer() {
    }

    public static KafkaProducer<byte[], byte[]> open(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 5,
                "enable.idempotence", false, "max.in.flight.requests.per.connection", 1,
                "max.request.size", 2 * 1024 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
    }
}

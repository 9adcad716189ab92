package passrelay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.Topics;

@ExtendWith(KafkaBroker.class)
class EmbeddedKafkaIT {

    @Test
    void shouldServeRecordsProducedToANewTopic(KafkaBroker.Endpoint kafka) throws Exception {
        Topics.create(kafka.bootstrapServers(), Map.of("embedded-smoke", 2));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("embedded-smoke", "k", "v")).get();
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "smoke", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of("embedded-smoke"));
            ConsumerRecord<String, String> received = Await.until(Duration.ofSeconds(30),
                    () -> consumer.poll(Duration.ofMillis(200)).records("embedded-smoke").iterator(),
                    iterator -> iterator.hasNext()).next();
            assertThat(received.value()).isEqualTo("v");
        }
    }
}

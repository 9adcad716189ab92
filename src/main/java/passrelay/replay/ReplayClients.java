package passrelay.replay;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import passrelay.config.KafkaSettings;
import passrelay.kafka.KafkaClientProperties;

/**
 * The Kafka client properties of the replay tool: the worker's (safe defaults, then every
 * {@code KAFKA_*} setting, then what correctness needs) with every wait bounded, so that an
 * unreachable broker fails the run instead of hanging it. A {@code KAFKA_*} setting still wins.
 */
final class ReplayClients {
    static final String CLIENT_ID = "passrelay-replay";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final long SPARE_MS = 5_000;

    private ReplayClients() {
    }

    /** The replay tool's own consumer group, apart from the worker's: {@code <PASSRELAY_GROUP_ID>-replay}. */
    static String groupId(KafkaSettings settings) {
        return settings.groupId() + "-replay";
    }

    /**
     * Reads the DLT and commits what it considered, in the replay group. It reads by assignment, never as a
     * member, so a worker's static member id ({@code KAFKA_GROUP_INSTANCE_ID}) in the same environment is dropped.
     */
    static Map<String, Object> deadLetterConsumer(KafkaSettings settings) {
        Map<String, Object> props = KafkaClientProperties.consumer(settings, groupId(settings), CLIENT_ID);
        bound(props, settings);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return props;
    }

    /** Reads the results topic as an observer: no group, nothing committed. */
    static Map<String, Object> resultsConsumer(KafkaSettings settings) {
        Map<String, Object> props = KafkaClientProperties.consumer(settings, groupId(settings), CLIENT_ID + "-results");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        bound(props, settings);
        return props;
    }

    /** Idempotent, acks=all (not overridable); sends block and deliveries end within bounded times. */
    static Map<String, Object> producer(KafkaSettings settings) {
        Map<String, Object> props = KafkaClientProperties.producer(settings, CLIENT_ID);
        putUnlessSet(props, settings, ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_TIMEOUT.toMillis());
        // Kafka refuses a delivery timeout below linger + request timeout: derive it from them.
        long deliveryMs = millis(props, ProducerConfig.LINGER_MS_CONFIG, 0)
                + millis(props, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, DEFAULT_TIMEOUT.toMillis()) + SPARE_MS;
        putUnlessSet(props, settings, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        return props;
    }

    /** How long one blocking call (metadata, offsets, commit) may take: {@code default.api.timeout.ms}. */
    static Duration apiTimeout(Map<String, Object> consumerProps) {
        return Duration.ofMillis(millis(consumerProps, ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                DEFAULT_TIMEOUT.toMillis()));
    }

    private static void bound(Map<String, Object> props, KafkaSettings settings) {
        putUnlessSet(props, settings, ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, DEFAULT_TIMEOUT.toMillis());
        putUnlessSet(props, settings, CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, DEFAULT_TIMEOUT.toMillis());
        // Reading must not create a topic whose name was mistyped.
        putUnlessSet(props, settings, ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    }

    private static void putUnlessSet(Map<String, Object> props, KafkaSettings settings, String name, Object value) {
        if (!settings.clientProperties().containsKey(name)) {
            props.put(name, String.valueOf(value)); // as text, like KAFKA_* values: Kafka parses each by its type
        }
    }

    private static long millis(Map<String, Object> props, String name, long otherwise) {
        Object value = props.get(name);
        try {
            return value == null ? otherwise : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            return otherwise; // the Kafka client rejects the bad value itself, naming it
        }
    }
}

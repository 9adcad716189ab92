package passrelay.config;

import java.util.Map;

/** Where the topics are; {@code clientProperties} holds every {@code KAFKA_*} variable as a client property. */
public record KafkaSettings(
        String groupId,
        String inputTopic,
        String resultsTopic,
        String dltTopic,
        Map<String, String> clientProperties) {

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    public String bootstrapServers() {
        return clientProperties.get("bootstrap.servers");
    }

    /** Reads the Kafka settings, recording every problem in the reader. */
    public static KafkaSettings read(SettingsReader reader) {
        reader.required(Settings.KAFKA_BOOTSTRAP_SERVERS);
        return new KafkaSettings(
                reader.optional(Settings.GROUP_ID),
                reader.optional(Settings.INPUT_TOPIC),
                reader.optional(Settings.RESULTS_TOPIC),
                reader.optional(Settings.DLT_TOPIC),
                reader.kafkaClientProperties());
    }
}

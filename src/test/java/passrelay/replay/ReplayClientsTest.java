package passrelay.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import passrelay.config.KafkaSettings;
import passrelay.config.SettingsReader;

class ReplayClientsTest {

    private static KafkaSettings settings(Map<String, String> env) {
        return KafkaSettings.read(new SettingsReader(env));
    }

    @Test
    void shouldUseItsOwnConsumerGroupBesideTheWorkers() {
        KafkaSettings settings = settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "PASSRELAY_GROUP_ID", "relay"));

        assertThat(ReplayClients.groupId(settings)).isEqualTo("relay-replay");
        assertThat(ReplayClients.deadLetterConsumer(settings)).containsEntry("group.id", "relay-replay")
                .containsEntry("enable.auto.commit", false).containsEntry("auto.offset.reset", "earliest");
        assertThat(ReplayClients.resultsConsumer(settings)).doesNotContainKey("group.id");
    }

    @Test
    void shouldBoundEveryWaitByDefault() {
        KafkaSettings settings = settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092"));

        assertThat(ReplayClients.deadLetterConsumer(settings)).containsEntry("default.api.timeout.ms", "30000")
                .containsEntry("request.timeout.ms", "30000").containsEntry("allow.auto.create.topics", "false");
        assertThat(ReplayClients.apiTimeout(ReplayClients.deadLetterConsumer(settings))).isEqualTo(Duration.ofSeconds(30));
        assertThat(ReplayClients.producer(settings)).containsEntry("max.block.ms", "30000")
                .containsEntry("delivery.timeout.ms", "35005").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true);
    }

    @Test
    void shouldLetKafkaSettingsChooseTheBoundsButNotTheGuarantees() {
        KafkaSettings settings = settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092",
                "KAFKA_DEFAULT_API_TIMEOUT_MS", "5000", "KAFKA_REQUEST_TIMEOUT_MS", "60000", "KAFKA_ACKS", "1",
                "KAFKA_ENABLE_IDEMPOTENCE", "false"));

        assertThat(ReplayClients.apiTimeout(ReplayClients.deadLetterConsumer(settings))).isEqualTo(Duration.ofSeconds(5));
        assertThat(ReplayClients.producer(settings)).containsEntry("delivery.timeout.ms", "65005")
                .containsEntry("acks", "all").containsEntry("enable.idempotence", true);
    }

    @Test
    void shouldReadAsNoStaticMemberWhenTheWorkersInstanceIdIsInTheEnvironment() {
        KafkaSettings settings = settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092",
                "KAFKA_GROUP_INSTANCE_ID", "passrelay-7d9f-abcde"));

        assertThat(ReplayClients.deadLetterConsumer(settings)).doesNotContainKey("group.instance.id")
                .containsEntry("group.id", "passrelay-replay");
        assertThat(ReplayClients.resultsConsumer(settings)).doesNotContainKey("group.instance.id");
    }
}

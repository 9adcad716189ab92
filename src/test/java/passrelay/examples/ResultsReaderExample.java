package passrelay.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How a consumer reads passrelay's outcomes (docs/publishing.md): in its own consumer group, de-duplicating
 * by eventId. The first S or F of an event is its outcome; a U is provisional (a replay may follow with a
 * final one); later records of an event that already has a final outcome are repeats after a crash.
 *
 * <p>The seen-outcome map lives in memory here; a real consumer keeps it where it keeps the effect of the
 * outcome (a database table keyed by eventId), so that a restart does not forget it.
 */
public final class ResultsReaderExample implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, String> statusByEvent = new HashMap<>();

    public ResultsReaderExample(String bootstrapServers, String topic, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** The outcomes that are news: an event's first outcome, or its first final one after a U. */
    public List<Outcome> poll(Duration timeout) {
        List<Outcome> news = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            Outcome outcome = Outcome.parse(record.value());
            String before = statusByEvent.get(outcome.eventId());
            boolean isNews = before == null || before.equals("U") && outcome.isFinal();
            if (isNews) {
                statusByEvent.put(outcome.eventId(), outcome.resultStatus());
                news.add(outcome);
            }
        }
        consumer.commitSync(); // after handling: a crash before this re-reads, and the map drops the repeats
        return news;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** The fields of a results record most consumers need (schemas/pass-update-result.schema.json has all). */
    public record Outcome(String eventId, String passId, String resultStatus, String resultCode, boolean reconciled) {
        boolean isFinal() {
            return resultStatus.equals("S") || resultStatus.equals("F");
        }

        static Outcome parse(byte[] value) {
            try {
                JsonNode json = JSON.readTree(value);
                return new Outcome(json.path("eventId").asText(), json.path("passId").asText(),
                        json.path("resultStatus").asText(), json.path("resultCode").asText(),
                        json.path("reconciled").asBoolean());
            } catch (IOException e) {
                throw new IllegalArgumentException("not a results record", e);
            }
        }
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: ResultsReaderExample BOOTSTRAP_SERVERS TOPIC GROUP_ID");
            System.exit(2);
        }
        try (ResultsReaderExample reader = new ResultsReaderExample(args[0], args[1], args[2])) {
            while (!Thread.currentThread().isInterrupted()) {
                reader.poll(Duration.ofSeconds(1)).forEach(System.out::println);
            }
        }
    }
}

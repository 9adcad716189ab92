package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import passrelay.ReplayCommand;
import passrelay.demo.SampleProducer;
import passrelay.demo.TopicReader;
import passrelay.demo.Topics;
import passrelay.event.DeadLetter;
import passrelay.event.ResultRecord;
import passrelay.testing.KafkaBroker;

/**
 * One replay scenario's topics on the shared broker, a producer that writes dead letters and results
 * as the worker would, and {@code passrelay replay} run exactly as the command line runs it.
 */
final class ReplayWorld implements AutoCloseable {
    final String inputTopic;
    final String resultsTopic;
    final String dltTopic;
    private final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, String> env = new HashMap<>();

    private ReplayWorld(KafkaBroker.Endpoint kafka, String name, int dltPartitions) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        inputTopic = unique + "-updates";
        resultsTopic = unique + "-results";
        dltTopic = unique + "-dlt";
        bootstrap = kafka.bootstrapServers();
        Topics.create(bootstrap, Map.of(inputTopic, 2, resultsTopic, 2, dltTopic, dltPartitions));
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        producer = SampleProducer.open(bootstrap);
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "PASSRELAY_GROUP_ID", unique + "-group",
                "PASSRELAY_INPUT_TOPIC", inputTopic, "PASSRELAY_RESULTS_TOPIC", resultsTopic,
                "PASSRELAY_DLT_TOPIC", dltTopic));
    }

    static ReplayWorld create(KafkaBroker.Endpoint kafka, String name) {
        return new ReplayWorld(kafka, name, 1);
    }

    static ReplayWorld create(KafkaBroker.Endpoint kafka, String name, int dltPartitions) {
        return new ReplayWorld(kafka, name, dltPartitions);
    }

    String bootstrapServers() {
        return bootstrap;
    }

    /** Overrides a setting for the runs from now on. */
    ReplayWorld set(String name, String value) {
        env.put(name, value);
        return this;
    }

    String group() {
        return env.get("PASSRELAY_GROUP_ID");
    }

    /** Writes a dead letter as the worker does (original headers, then the DLT ones) and waits for it. */
    RecordMetadata deadLetter(String key, byte[] value, DeadLetter deadLetter, Header... original) {
        return deadLetterTo(null, key, value, deadLetter, original);
    }

    RecordMetadata deadLetterTo(Integer partition, String key, byte[] value, DeadLetter deadLetter, Header... original) {
        return send(new ProducerRecord<>(dltTopic, partition, bytes(key), value, DeadLetters.headers(deadLetter, original)));
    }

    /** Any record on the DLT, headers as given. */
    RecordMetadata rawDeadLetter(String key, byte[] value, Header... headers) {
        return send(new ProducerRecord<>(dltTopic, null, bytes(key), value, List.of(headers)));
    }

    RecordMetadata result(ResultRecord result) {
        return send(new ProducerRecord<>(resultsTopic, bytes(result.passId()), result.toJson()));
    }

    RecordMetadata rawResult(String key, byte[] value) {
        return send(new ProducerRecord<>(resultsTopic, bytes(key), value));
    }

    /** {@code passrelay replay ARGS} with this world's settings. */
    Run replay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReplayCommand.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                Map.copyOf(env));
        return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** Every record on the input topic now. */
    List<ConsumerRecord<byte[], byte[]>> input() {
        return readAll(inputTopic);
    }

    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (TopicReader reader = new TopicReader(bootstrap, List.of(topic))) {
            return reader.readToEnd();
        }
    }

    /** The replay group's committed DLT offsets, by partition. */
    Map<Integer, Long> committed() {
        return committed(group() + "-replay");
    }

    Map<Integer, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<Integer, Long> committed = new HashMap<>();
            offsets.forEach((tp, meta) -> {
                if (meta != null && tp.topic().equals(dltTopic)) {
                    committed.put(tp.partition(), meta.offset());
                }
            });
            return committed;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }

    /** What one run printed and how it exited. */
    record Run(int exit, String out, String err) {

        /** The number on the summary line with this label (e.g. "replayed", "superseded"). */
        long count(String label) {
            Matcher line = Pattern.compile("(?m)^ {2,}" + Pattern.quote(label) + " +([\\d,]+)$").matcher(out);
            if (!line.find()) {
                throw new AssertionError("no summary line '" + label + "' in:\n" + out + err);
            }
            return Long.parseLong(line.group(1).replace(",", ""));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}

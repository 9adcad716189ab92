package passrelay.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import passrelay.alipay.UpdatePassClient;
import passrelay.config.SettingsReader;
import passrelay.demo.LocalAlipay;
import passrelay.demo.SampleProducer;
import passrelay.demo.TopicReader;
import passrelay.demo.Topics;
import passrelay.simulator.SimulatorOptions;
import passrelay.event.ResultRecord;
import passrelay.ops.Readiness;
import passrelay.simulator.Simulator;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

/**
 * One integration scenario's world: its own topics and consumer group on the shared broker, a
 * simulator that verifies our signatures and signs its answers, and workers built from settings
 * exactly as {@code passrelay run} builds them.
 */
final class RelayFixture implements AutoCloseable {
    final String inputTopic;
    final String resultsTopic;
    final String dltTopic;
    final String groupId;
    final int partitions;
    private final String bootstrap;
    private final LocalAlipay alipay;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Worker> workers = new ArrayList<>();
    private final List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    private final TopicReader outcomes;
    private final List<ResultRecord> results = new ArrayList<>();
    private final List<ConsumerRecord<byte[], byte[]>> resultRecords = new ArrayList<>();
    private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    private final Map<String, String> settings = new HashMap<>();

    private RelayFixture(KafkaBroker.Endpoint kafka, String name, int partitions, boolean signedResponses,
                         Consumer<SimulatorOptions.Builder> simulatorOptions) throws Exception {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        this.inputTopic = unique + "-updates";
        this.resultsTopic = unique + "-results";
        this.dltTopic = unique + "-dlt";
        this.groupId = unique + "-group";
        this.partitions = partitions;
        this.bootstrap = kafka.bootstrapServers();
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        Topics.create(bootstrap, Map.of(inputTopic, partitions, resultsTopic, 3, dltTopic, 1));
        this.outcomes = new TopicReader(bootstrap, List.of(resultsTopic, dltTopic));
        this.producer = SampleProducer.open(bootstrap);

        this.alipay = LocalAlipay.start("it-client", signedResponses, simulatorOptions);
        settings.putAll(alipay.settings());
        settings.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "PASSRELAY_GROUP_ID", groupId,
                "PASSRELAY_INPUT_TOPIC", inputTopic, "PASSRELAY_RESULTS_TOPIC", resultsTopic,
                "PASSRELAY_DLT_TOPIC", dltTopic, "ALIPAYHK_TIMEOUT_MS", "1500"));
        settings.putAll(Map.of("PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "10", "PASSRELAY_RETRY_MAX_BACKOFF_MS", "200",
                "PASSRELAY_BREAKER_MAX_WAIT_MS", "2000",
                "KAFKA_SESSION_TIMEOUT_MS", "10000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000"));
    }

    static RelayFixture create(KafkaBroker.Endpoint kafka, String name, int partitions,
                               Consumer<SimulatorOptions.Builder> simulatorOptions) throws Exception {
        return new RelayFixture(kafka, name, partitions, true, simulatorOptions);
    }

    /** With {@code signedResponses} false the simulator answers unsigned (less CPU) and nothing is verified. */
    static RelayFixture create(KafkaBroker.Endpoint kafka, String name, int partitions, boolean signedResponses,
                               Consumer<SimulatorOptions.Builder> simulatorOptions) throws Exception {
        return new RelayFixture(kafka, name, partitions, signedResponses, simulatorOptions);
    }

    /** A private key AlipayHK does not know: every call answers INVALID_SIGNATURE. */
    static java.nio.file.Path freshPrivateKey() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("passrelay-stranger-", ".pem");
        file.toFile().deleteOnExit();
        var keys = passrelay.alipay.PemKeys.generate(passrelay.alipay.SignatureAlgorithm.RSA256);
        return java.nio.file.Files.writeString(file, passrelay.alipay.PemKeys.toPem(keys.getPrivate()));
    }

    String bootstrapServers() {
        return bootstrap;
    }

    Simulator simulator() {
        return alipay.simulator();
    }

    /** The settings as a command's environment would carry them. */
    Map<String, String> environment() {
        return Map.copyOf(settings);
    }

    /** Overrides a setting for workers started from now on. */
    RelayFixture set(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /** The last worker's meters and readiness, as its health endpoint and /metrics would show them. */
    SimpleMeterRegistry meters;
    Readiness readiness;

    Worker startWorker() {
        return startWorker(UnaryOperator.identity(), Optional.empty());
    }

    /**
     * @param options adjusts the options {@code passrelay run} would use (a test's own OpenTelemetry, say)
     * @param client  an AlipayHK client of the test's own, instead of the one the settings make
     */
    Worker startWorker(UnaryOperator<WorkerAssembly.Options> options, Optional<UpdatePassClient> client) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters = registry;
        WorkerAssembly.Options chosen = options.apply(WorkerAssembly.Options.embedded(registry));
        Worker started = client.isPresent()
                ? WorkerAssembly.start(setup(), chosen, client.get(), "test")
                : WorkerAssembly.start(setup(), chosen);
        readiness = started.readiness();
        workers.add(started);
        return started;
    }

    /** The settings as a worker started now reads them. */
    WorkerSetup setup() {
        return WorkerSetup.read(new SettingsReader(settings));
    }

    void produce(String key, byte[] value) {
        produce(key, value, new RecordHeaders());
    }

    void produce(String key, byte[] value, Headers headers) {
        sent.add(producer.send(new ProducerRecord<>(inputTopic, null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers)));
    }

    /** Waits until every record produced so far is acknowledged, and fails if any was not. */
    void flush() throws Exception {
        producer.flush();
        for (var future : sent) {
            future.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        sent.clear();
    }

    /** Every results record published so far, in topic order per partition. */
    synchronized List<ResultRecord> results() {
        catchUp();
        return List.copyOf(results);
    }

    /** Every results record published so far as it is on the topic, headers and all. */
    synchronized List<ConsumerRecord<byte[], byte[]>> resultRecords() {
        catchUp();
        return List.copyOf(resultRecords);
    }

    /** Every dead-letter record published so far. */
    synchronized List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        catchUp();
        return List.copyOf(deadLetters);
    }

    private void catchUp() {
        for (ConsumerRecord<byte[], byte[]> record : outcomes.readToEnd()) {
            if (record.topic().equals(dltTopic)) {
                deadLetters.add(record);
            } else {
                results.add(ResultRecord.fromJson(record.value()));
                resultRecords.add(record);
            }
        }
    }

    static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    Map<TopicPartition, Long> committedOffsets() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((tp, meta) -> {
                if (meta != null) {
                    committed.put(tp, meta.offset());
                }
            });
            return committed;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(inputTopic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    Set<String> topics() {
        return Set.of(inputTopic, resultsTopic, dltTopic);
    }

    @Override
    public void close() throws Exception {
        for (Worker worker : workers) {
            worker.close();
        }
        producer.close();
        outcomes.close();
        admin.close();
        alipay.close();
    }
}

package passrelay.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import passrelay.demo.SampleProducer;
import passrelay.demo.Topics;
import passrelay.processes.SimulatorProcess;
import passrelay.processes.WorkerProcess;
import passrelay.testing.Await;

/**
 * One scenario's world: its own topics and consumer group on the shared broker, its own simulator process,
 * the workers it starts (the jar under test), and an observer of what they publish.
 */
final class Rig implements AutoCloseable {
    static final int INPUT_PARTITIONS = 6;

    private final Bench bench;
    private final String name;
    private final SimulatorProcess simulator;
    private final Admin admin;
    private final OutcomeLog outcomes;
    private final List<WorkerProcess> workers = new ArrayList<>();

    private Rig(Bench bench, String name, SimulatorProcess simulator) {
        this.bench = bench;
        this.name = name;
        this.simulator = simulator;
        Topics.create(bench.bootstrap(), Map.of(inputTopic(), INPUT_PARTITIONS, resultsTopic(), 3, dltTopic(), 1));
        this.admin = Admin.create(Map.of("bootstrap.servers", bench.bootstrap()));
        this.outcomes = new OutcomeLog(bench.bootstrap(), resultsTopic(), dltTopic());
    }

    /** A fresh simulator (verifying requests, signing answers) and topics named after {@code name}. */
    static Rig open(Bench bench, String name, List<String> simulatorFlags) {
        List<String> flags = new ArrayList<>(bench.keys().simulatorFlags());
        flags.addAll(simulatorFlags);
        SimulatorProcess simulator = SimulatorProcess.start(bench.simulatorJar(), List.of("-Xmx512m"), flags,
                bench.dir().resolve(name + "-simulator.log"));
        return new Rig(bench, name, simulator);
    }

    String inputTopic() {
        return name + "-updates";
    }

    String resultsTopic() {
        return name + "-results";
    }

    String dltTopic() {
        return name + "-dlt";
    }

    String group() {
        return name + "-worker";
    }

    SimulatorProcess simulator() {
        return simulator;
    }

    OutcomeLog outcomes() {
        return outcomes;
    }

    Bench bench() {
        return bench;
    }

    /** The settings of every worker of the run (SPEC section 6), with {@code extra} on top. */
    Map<String, String> workerEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(bench.keys().workerSettings(simulator.baseUrl()));
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bench.bootstrap(), "PASSRELAY_GROUP_ID", group(),
                "PASSRELAY_INPUT_TOPIC", inputTopic(), "PASSRELAY_RESULTS_TOPIC", resultsTopic(),
                "PASSRELAY_DLT_TOPIC", dltTopic(), "PASSRELAY_RETRY_MAX_ATTEMPTS", "6",
                "PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "20", "PASSRELAY_RETRY_MAX_BACKOFF_MS", "200",
                "PASSRELAY_BREAKER_MAX_WAIT_MS", "4000", "ALIPAYHK_TIMEOUT_MS", "5000"));
        env.putAll(extra);
        return env;
    }

    /** Starts the jar under test as worker number {@code workers().size() + 1} and waits until it is ready. */
    WorkerProcess startWorker(Map<String, String> extra) {
        return startWorker(List.of("-Xmx512m"), extra);
    }

    WorkerProcess startWorker(List<String> jvmArgs, Map<String, String> extra) {
        Path log = bench.dir().resolve(name + "-worker-" + (workers.size() + 1) + ".log");
        WorkerProcess worker = WorkerProcess.startReady(bench.workerJar(), jvmArgs, workerEnvironment(extra), log);
        workers.add(worker);
        return worker;
    }

    /** Publishes {@code count} records made by {@code record} without keeping them; returns once all are acked. */
    void publish(long count, java.util.function.LongFunction<ProducerRecord<byte[], byte[]>> record) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = SampleProducer.open(bench.bootstrap())) {
            for (long n = 0; n < count && failure.get() == null; n++) {
                producer.send(record.apply(n), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing to " + inputTopic() + " failed: " + failure.get(),
                    failure.get());
        }
    }

    /** Records on the results and dead-letter topics so far (end offsets summed), without reading them. */
    long[] outcomeRecordCounts() throws Exception {
        long[] counts = new long[2];
        List<String> topics = List.of(resultsTopic(), dltTopic());
        for (int t = 0; t < 2; t++) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var info : admin.describeTopics(List.of(topics.get(t))).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topics.get(t)).partitions()) {
                latest.put(new TopicPartition(topics.get(t), info.partition()), OffsetSpec.latest());
            }
            for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values()) {
                counts[t] += end.offset();
            }
        }
        return counts;
    }

    WorkerProcess startWorker() {
        return startWorker(Map.of());
    }

    List<WorkerProcess> workers() {
        return workers;
    }

    /** Publishes the stream's events, interleaved across passes, keyed by passId. */
    void publish(PassStream stream) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        stream.interleaved().forEach(event -> records.add(new ProducerRecord<>(inputTopic(),
                event.passId().getBytes(StandardCharsets.UTF_8), event.value())));
        publish(records);
    }

    /** Publishes {@code records} in order and returns where each one landed. */
    List<RecordMetadata> publish(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = SampleProducer.open(bench.bootstrap())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            producer.flush();
            List<RecordMetadata> landed = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                landed.add(future.get(120, TimeUnit.SECONDS));
            }
            return landed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("publishing to " + inputTopic() + " failed: " + e.getMessage(), e);
        }
    }

    /** Polls the outcomes until {@code done} holds; fails at the deadline with {@code what}. */
    void awaitOutcomes(Duration timeout, String what, java.util.function.BooleanSupplier done) {
        Await.until(timeout, () -> what + " (" + outcomes.eventsWithResults() + " events with results, lag "
                + uncommitted() + ")", () -> outcomes.poll() != null && done.getAsBoolean());
    }

    /**
     * Waits until the group has committed every input record (nothing left unfinished at any worker) and
     * {@code everyEventAnswered} holds, then reads the outcome topics to their end.
     */
    void awaitSettled(Duration timeout, java.util.function.BooleanSupplier everyEventAnswered) {
        awaitOutcomes(timeout, "every input record committed and every event answered",
                () -> everyEventAnswered.getAsBoolean() && uncommitted() == 0);
        outcomes.readToEnd();
    }

    /** Input records not yet below the group's committed offsets; -1 while the broker cannot tell. */
    long uncommitted() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < INPUT_PARTITIONS; p++) {
                latest.put(new TopicPartition(inputTopic(), p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata mark = committed.get(end.getKey());
                lag += end.getValue().offset() - (mark == null ? 0 : mark.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        }
    }

    /** SIGTERM to every live worker; the exit codes of those that were live (0 = drained). */
    List<Integer> stopWorkers() {
        List<Integer> codes = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            if (worker.alive()) {
                codes.add(worker.stop(Duration.ofSeconds(90)).orElse(-1));
            }
        }
        return codes;
    }

    @Override
    public void close() {
        workers.forEach(WorkerProcess::close);
        outcomes.close();
        admin.close(Duration.ofSeconds(10));
        simulator.close();
    }
}

package passrelay.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import passrelay.config.SettingsReader;
import passrelay.demo.EmbeddedKafka;
import passrelay.demo.LocalAlipay;
import passrelay.demo.SampleEvents;
import passrelay.demo.TopicReader;
import passrelay.kafka.AlipayCircuitBreaker;
import passrelay.kafka.Worker;
import passrelay.kafka.WorkerSetup;
import passrelay.ops.Readiness;

/**
 * End-to-end events/s: the same worker, per-pass lanes versus one call in flight per partition
 * (the classic partition-serial consumer), in one run, against the simulator with fixed latency.
 * Usage: {@code bench/throughput.sh [passes] [eventsPerPass] [latencyMs] [partitions]}.
 */
public final class ThroughputBenchmark {
    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int passes = arg(args, 0, 500);
        int perPass = arg(args, 1, 10);
        int latencyMs = arg(args, 2, 20);
        int partitions = arg(args, 3, 6);
        System.out.printf("throughput: %d passes x %d events, %d partitions, simulator latency %d ms, %d cores%n",
                passes, perPass, partitions, latencyMs, Runtime.getRuntime().availableProcessors());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(ThroughputBenchmark.class.getClassLoader(), Map.of());
             LocalAlipay alipay = LocalAlipay.start("bench-client", options -> options.workerThreads(8))) {
            alipay.simulator().faults().latencyMs(latencyMs);
            double perPassRate = run(kafka, alipay, "lanes", Worker.Ordering.PER_PASS, passes, perPass, partitions);
            double serialRate = run(kafka, alipay, "serial", Worker.Ordering.PER_PARTITION, passes, perPass, partitions);
            System.out.printf("per-pass lanes: %.0f events/s; partition-serial: %.0f events/s; ratio %.1fx%n",
                    perPassRate, serialRate, perPassRate / serialRate);
        }
    }

    private static double run(EmbeddedKafka kafka, LocalAlipay alipay, String name, Worker.Ordering ordering,
                              int passes, int perPass, int partitions) throws Exception {
        String input = name + "-updates";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, partitions, (short) 1),
                    new NewTopic(name + "-results", partitions, (short) 1), new NewTopic(name + "-dlt", 1, (short) 1)))
                    .all().get();
        }
        produce(kafka.bootstrapServers(), input, passes, perPass);
        Map<String, String> env = new HashMap<>(alipay.settings());
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "PASSRELAY_GROUP_ID", name,
                "PASSRELAY_INPUT_TOPIC", input, "PASSRELAY_RESULTS_TOPIC", name + "-results",
                "PASSRELAY_DLT_TOPIC", name + "-dlt"));
        int total = passes * perPass;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopicReader results = new TopicReader(kafka.bootstrapServers(), List.of(name + "-results"))) {
            long start = System.nanoTime();
            try (Worker worker = WorkerSetup.read(new SettingsReader(env)).start(registry, new Readiness(),
                    AlipayCircuitBreaker.create(registry), ordering)) {
                int seen = 0;
                long deadline = start + Duration.ofMinutes(5).toNanos();
                while (seen < total && System.nanoTime() < deadline) {
                    seen += results.poll().size();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("  %-7s %d results in %.1f s = %.0f events/s (from worker start, incl. group join)%n",
                        name, seen, seconds, seen / seconds);
                return seen / seconds;
            }
        }
    }

    private static void produce(String bootstrap, String topic, int passes, int perPass) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 10), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int seq = 1; seq <= perPass; seq++) {
                for (int p = 0; p < passes; p++) {
                    String passId = "bench-pass-" + p;
                    producer.send(new ProducerRecord<>(topic, passId.getBytes(StandardCharsets.UTF_8),
                            SampleEvents.event(passId, seq)));
                }
            }
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}

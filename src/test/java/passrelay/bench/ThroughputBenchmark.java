package passrelay.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import passrelay.config.SettingsReader;
import passrelay.demo.EmbeddedKafka;
import passrelay.demo.LocalAlipay;
import passrelay.demo.SampleEvents;
import passrelay.demo.SampleProducer;
import passrelay.demo.TopicReader;
import passrelay.demo.Topics;
import passrelay.kafka.Worker;
import passrelay.kafka.WorkerAssembly;
import passrelay.kafka.WorkerSetup;

/**
 * End-to-end events/s: the same worker, per-pass lanes versus one call in flight per partition
 * (the classic partition-serial consumer), in one run, against the simulator with fixed latency.
 * Usage: {@code bench/throughput.sh [passes] [eventsPerPass] [latencyMs] [partitions] [signed|unsigned]}:
 * {@code unsigned} lets the simulator skip signing its answers (and the worker skip verifying them), so
 * that AlipayHK's share of the RSA work does not compete for this machine's cores.
 */
public final class ThroughputBenchmark {
    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int passes = arg(args, 0, 500);
        int perPass = arg(args, 1, 10);
        int latencyMs = arg(args, 2, 20);
        int partitions = arg(args, 3, 6);
        boolean signedResponses = args.length <= 4 || !args[4].equals("unsigned");
        System.out.printf("throughput: %d passes x %d events, %d partitions, simulator latency %d ms, responses %s,"
                + " %d cores%n", passes, perPass, partitions, latencyMs, signedResponses ? "signed" : "unsigned",
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(ThroughputBenchmark.class.getClassLoader(), Map.of());
             LocalAlipay alipay = LocalAlipay.start("bench-client", signedResponses,
                     options -> options.workerThreads(8))) {
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
        Topics.create(kafka.bootstrapServers(), Map.of(input, partitions, name + "-results", partitions,
                name + "-dlt", 1));
        produce(kafka.bootstrapServers(), input, passes, perPass);
        Map<String, String> env = new HashMap<>(alipay.settings());
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "PASSRELAY_GROUP_ID", name,
                "PASSRELAY_INPUT_TOPIC", input, "PASSRELAY_RESULTS_TOPIC", name + "-results",
                "PASSRELAY_DLT_TOPIC", name + "-dlt"));
        int total = passes * perPass;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopicReader results = new TopicReader(kafka.bootstrapServers(), List.of(name + "-results"))) {
            long start = System.nanoTime();
            try (Worker worker = WorkerAssembly.start(WorkerSetup.read(new SettingsReader(env)),
                    WorkerAssembly.Options.embedded(registry).withOrdering(ordering))) {
                int seen = 0;
                int firstBatch = 0;
                long first = 0;
                long deadline = start + Duration.ofMinutes(5).toNanos();
                while (seen < total && System.nanoTime() < deadline) {
                    int arrived = results.poll().size();
                    if (arrived > 0 && first == 0) {
                        first = System.nanoTime();
                        firstBatch = arrived;
                    }
                    seen += arrived;
                }
                long end = System.nanoTime();
                // steady: the results after the first batch, over the time from the first batch to the last
                double steady = (seen - firstBatch) / ((end - first) / 1e9);
                System.out.printf("  %-7s %d results in %.1f s from worker start (incl. group join); "
                        + "steady %.0f events/s%n", name, seen, (end - start) / 1e9, steady);
                return steady;
            }
        }
    }

    private static void produce(String bootstrap, String topic, int passes, int perPass) {
        try (KafkaProducer<byte[], byte[]> producer = SampleProducer.open(bootstrap)) {
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

package passrelay.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.LoggerFactory;
import passrelay.config.SettingsReader;
import passrelay.event.DeadLetter;
import passrelay.event.ResultRecord;
import passrelay.kafka.Worker;
import passrelay.kafka.WorkerAssembly;
import passrelay.kafka.WorkerSetup;

/**
 * {@code passrelay demo}: a real broker in this JVM, the simulator, the worker, and sample events
 * showing every kind of outcome; prints what happened and exits 0 when each came out as it should.
 */
public final class DemoCommand {
    static final String USAGE = """
            usage: passrelay demo

            Starts a Kafka broker inside this JVM, the AlipayHK simulator and the worker, publishes sample
            events (S, F, invalid, U then S, U to the DLT, reconciliation, malformed, per-pass order),
            prints a table of what happened to each, and exits 0 if every outcome is the expected one.""";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String INPUT = "pass-updates";
    private static final String RESULTS = "pass-update-results";
    private static final String DLT = "pass-updates-dlt";

    private DemoCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            (help ? out : err).println(help ? USAGE : "passrelay demo: unknown argument '" + args[0] + "'\n" + USAGE);
            return help ? 0 : 2;
        }
        quietBrokerLogs();
        out.println("starting an embedded Kafka broker and the AlipayHK simulator ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(BrokerClasses.find(), Map.of());
             LocalAlipay alipay = LocalAlipay.start("demo-client", options -> options.seed(1))) {
            Topics.create(kafka.bootstrapServers(), Map.of(INPUT, 3, RESULTS, 3, DLT, 1));
            List<DemoScenario.Sample> samples = DemoScenario.samples();
            DemoScenario.script(alipay.simulator());
            Map<String, String> env = new HashMap<>(alipay.settings());
            env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "PASSRELAY_GROUP_ID", "passrelay-demo",
                    "PASSRELAY_RETRY_MAX_ATTEMPTS", String.valueOf(DemoScenario.RETRY_ATTEMPTS),
                    "PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "100", "PASSRELAY_RETRY_MAX_BACKOFF_MS", "400",
                    "ALIPAYHK_TIMEOUT_MS", "3000"));
            out.println("broker at " + kafka.bootstrapServers() + ", simulator at " + alipay.simulator().baseUrl()
                    + "; starting the worker and publishing " + samples.size() + " sample events");
            Worker worker = WorkerAssembly.start(WorkerSetup.read(new SettingsReader(env)),
                    WorkerAssembly.Options.embedded(new SimpleMeterRegistry()));
            try {
                publish(kafka.bootstrapServers(), samples);
                Outcomes outcomes = Outcomes.await(kafka.bootstrapServers(), RESULTS, DLT, samples, DEADLINE);
                boolean allAsExpected = new DemoReport(out).print(samples, outcomes,
                        alipay.simulator().arrivals(DemoScenario.ORDERED_PASS));
                out.println(allAsExpected ? "demo finished: every outcome as expected"
                        : "demo finished: SOME OUTCOMES DIFFER from what was expected (see above)");
                return allAsExpected ? 0 : 1;
            } finally {
                worker.close();
            }
        } catch (RuntimeException e) {
            err.println("passrelay demo failed: " + e);
            return 1;
        }
    }

    /** The embedded broker warns about things that are normal for a fresh one-node cluster. */
    private static void quietBrokerLogs() {
        for (String name : List.of("org.apache.kafka", "kafka")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        }
    }

    private static void publish(String bootstrap, List<DemoScenario.Sample> samples) {
        try (KafkaProducer<byte[], byte[]> producer = SampleProducer.open(bootstrap)) {
            samples.forEach(sample -> producer.send(new ProducerRecord<>(INPUT,
                    sample.key().getBytes(StandardCharsets.UTF_8), sample.value())));
        }
    }

    /** What the worker published, by eventId (results) and by original offset (dead letters). */
    record Outcomes(Map<String, ResultRecord> results, List<ConsumerRecord<byte[], byte[]>> deadLetters) {

        static Outcomes await(String bootstrap, String results, String dlt, List<DemoScenario.Sample> samples,
                              Duration deadline) {
            long expectedResults = samples.stream().filter(s -> s.eventId() != null).count();
            long expectedDeadLetters = samples.stream().filter(DemoScenario.Sample::expectDeadLetter).count();
            try (TopicReader reader = new TopicReader(bootstrap, List.of(results, dlt))) {
                long end = System.nanoTime() + deadline.toNanos();
                Map<String, ResultRecord> byEvent = new HashMap<>();
                List<ConsumerRecord<byte[], byte[]>> dead = new java.util.ArrayList<>();
                while (byEvent.size() < expectedResults || dead.size() < expectedDeadLetters) {
                    if (System.nanoTime() > end) {
                        throw new IllegalStateException("outcomes did not arrive within " + deadline + ": "
                                + byEvent.size() + " of " + expectedResults + " results, " + dead.size() + " of "
                                + expectedDeadLetters + " dead letters");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll()) {
                        if (record.topic().equals(dlt)) {
                            dead.add(record);
                        } else {
                            ResultRecord result = ResultRecord.fromJson(record.value());
                            byEvent.put(result.eventId(), result);
                        }
                    }
                }
                return new Outcomes(byEvent, dead);
            }
        }

        Optional<ConsumerRecord<byte[], byte[]>> deadLetterOf(String eventIdOrNull) {
            return deadLetters.stream().filter(record -> {
                var header = record.headers().lastHeader(DeadLetter.EVENT_ID);
                String id = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
                return java.util.Objects.equals(id, eventIdOrNull);
            }).findFirst();
        }
    }
}

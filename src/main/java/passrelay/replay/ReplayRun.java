package passrelay.replay;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import passrelay.config.KafkaSettings;

/**
 * One {@code passrelay replay}: builds the clients, replays (reading the results topic when a record
 * first needs it), and closes everything.
 */
public final class ReplayRun {
    private ReplayRun() {
    }

    /**
     * Replays the DLT as the options ask and returns what happened.
     *
     * @throws ReplayFailure or {@link org.apache.kafka.common.KafkaException} when it could not finish;
     *                       whatever was committed before was published first
     */
    public static ReplaySummary run(ReplayOptions options, KafkaSettings settings, PrintStream out, Clock clock) {
        Map<String, Object> consumerProps = ReplayClients.deadLetterConsumer(settings);
        Duration timeout = ReplayClients.apiTimeout(consumerProps);
        out.printf("passrelay replay: %s -> %s, consumer group %s%s%n", settings.dltTopic(), settings.inputTopic(),
                ReplayClients.groupId(settings), options.dryRun() ? " (dry run: nothing published, nothing committed)" : "");
        ReplayFilter filter = options.includeSuperseded() ? new ReplayFilter(options, SupersededIndex.empty())
                : new ReplayFilter(options, () -> readResults(options, settings, timeout, clock, out));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            // Fail before reading anything if the copies would have nowhere to go.
            new TopicOffsets(consumer, timeout).partitions(settings.inputTopic());
            if (options.dryRun()) {
                return new DeadLetterReplayer(consumer, filter, new DryRun(out), options, out, clock)
                        .replay(settings.dltTopic(), timeout);
            }
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ReplayClients.producer(settings));
            try {
                Republisher republisher = new Republisher(producer, settings.inputTopic(),
                        offsets -> consumer.commitSync(offsets, timeout));
                return new DeadLetterReplayer(consumer, filter, republisher, options, out, clock)
                        .replay(settings.dltTopic(), timeout);
            } finally {
                producer.close(timeout);
            }
        }
    }

    private static SupersededIndex readResults(ReplayOptions options, KafkaSettings settings, Duration timeout,
                                               Clock clock, PrintStream out) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ReplayClients.resultsConsumer(settings))) {
            return ResultsScan.read(consumer, settings.resultsTopic(),
                    passId -> options.passId().map(passId::equals).orElse(true), timeout, clock, out);
        }
    }
}

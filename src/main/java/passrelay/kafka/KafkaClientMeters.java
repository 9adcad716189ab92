package passrelay.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka clients' own meters ({@code kafka_*}), re-read every 10 s rather than Micrometer's 60: meters of a
 * partition, such as the consumer lag per partition the dashboard charts, then follow an assignment within
 * seconds. One daemon thread re-reads them for every worker of the JVM.
 */
final class KafkaClientMeters {
    static final Duration REFRESH = Duration.ofSeconds(10);
    private static final ScheduledExecutorService REFRESHER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "passrelay-kafka-meters");
        thread.setDaemon(true);
        return thread;
    });

    private KafkaClientMeters() {
    }

    static void bind(Consumer<?, ?> consumer, Producer<?, ?> producer, MeterRegistry registry) {
        new KafkaClientMetrics(consumer, List.of(), REFRESHER, REFRESH).bindTo(registry);
        new KafkaClientMetrics(producer, List.of(), REFRESHER, REFRESH).bindTo(registry);
    }
}

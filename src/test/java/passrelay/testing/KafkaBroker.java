package passrelay.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.kafka.KafkaContainer;
import passrelay.demo.EmbeddedKafka;

/**
 * One real Kafka broker per test run, shared by every integration test (each test makes its own
 * topics). By default a KRaft broker in this JVM; with {@code -Dkafka.testcontainers=true}, the
 * {@code apache/kafka} image through Testcontainers — the same tests either way.
 */
public final class KafkaBroker implements ParameterResolver {

    /** What a test needs of the broker. */
    public record Endpoint(String bootstrapServers) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Endpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KafkaBroker.class, key -> start(), Running.class).endpoint();
    }

    private static Running start() {
        if (Boolean.getBoolean("kafka.testcontainers")) {
            KafkaContainer container = new KafkaContainer(System.getProperty("kafka.image", "apache/kafka:4.1.0"));
            container.start();
            return new Running(new Endpoint(container.getBootstrapServers()), container::stop);
        }
        EmbeddedKafka broker = EmbeddedKafka.start(KafkaBroker.class.getClassLoader(), Map.of());
        return new Running(new Endpoint(broker.bootstrapServers()), broker::close);
    }

    /** Closed by JUnit when the root context closes, at the end of the run. */
    private record Running(Endpoint endpoint, Runnable stop) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }
}

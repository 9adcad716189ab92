package passrelay.kafka;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import passrelay.alipay.HttpUpdatePassClient;
import passrelay.config.AlipaySettings;
import passrelay.config.KafkaSettings;
import passrelay.config.SettingsReader;
import passrelay.config.WorkerSettings;
import passrelay.ops.BuildVersion;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;

/** The worker's settings, read and validated together; {@code passrelay run}, the demo and the tests start workers from it. */
public record WorkerSetup(KafkaSettings kafka, WorkerSettings worker, AlipaySettings alipay) {

    /** @throws passrelay.config.ConfigException naming every bad or missing setting */
    public static WorkerSetup read(SettingsReader reader) {
        WorkerSetup setup = new WorkerSetup(KafkaSettings.read(reader), WorkerSettings.read(reader),
                AlipaySettings.read(reader));
        reader.throwIfProblems();
        return setup;
    }

    /** Starts a worker with the real AlipayHK client and the production circuit breaker. */
    public Worker start(MeterRegistry registry, Readiness readiness) {
        return start(registry, readiness, AlipayCircuitBreaker.create(registry));
    }

    public Worker start(MeterRegistry registry, Readiness readiness, CircuitBreaker breaker) {
        return start(registry, readiness, breaker, Worker.Ordering.PER_PASS);
    }

    public Worker start(MeterRegistry registry, Readiness readiness, CircuitBreaker breaker, Worker.Ordering ordering) {
        HttpUpdatePassClient client = HttpUpdatePassClient.create(alipay, Clock.systemDefaultZone());
        Metrics metrics = new Metrics(registry);
        metrics.buildInfo(BuildVersion.current(), client.crypto().label());
        return Worker.start(new Worker.Parts(kafka, worker, alipay, client, breaker, metrics,
                readiness, Clock.systemUTC(), ordering));
    }
}

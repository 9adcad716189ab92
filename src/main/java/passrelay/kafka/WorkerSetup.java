package passrelay.kafka;

import passrelay.config.AlipaySettings;
import passrelay.config.BreakerSettings;
import passrelay.config.KafkaSettings;
import passrelay.config.SettingsReader;
import passrelay.config.WorkerSettings;

/** The worker's settings, read and validated together; {@link WorkerAssembly} builds a worker from them. */
public record WorkerSetup(KafkaSettings kafka, WorkerSettings worker, BreakerSettings breaker, AlipaySettings alipay) {

    /** @throws passrelay.config.ConfigException naming every bad or missing setting */
    public static WorkerSetup read(SettingsReader reader) {
        WorkerSetup setup = new WorkerSetup(KafkaSettings.read(reader), WorkerSettings.read(reader),
                BreakerSettings.read(reader), AlipaySettings.read(reader));
        reader.throwIfProblems();
        return setup;
    }
}

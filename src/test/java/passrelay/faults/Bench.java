package passrelay.faults;

import java.nio.file.Path;
import passrelay.processes.BrokerProcess;
import passrelay.processes.LocalKeys;

/**
 * What every scenario of one invocation shares: the broker process, the keys, the jar whose worker is under
 * test (by default the current build; an older build to compare), and the current build's simulator.
 */
record Bench(BrokerProcess broker, LocalKeys keys, Path workerJar, Path simulatorJar, Path dir) {
    String bootstrap() {
        return broker.bootstrapServers();
    }
}

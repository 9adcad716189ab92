package passrelay.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Gauges with one time series per assigned partition (tag {@code partition}, e.g. {@code pass-updates-3}): they
 * come and go with the assignment, so a partition handed to another worker stops being reported here. Built by
 * {@link Metrics}, which names them.
 */
public final class PartitionGauges<K> {
    private final MeterRegistry registry;
    private final Function<K, Meter> register;
    private final Map<K, Meter> gauges = new HashMap<>();

    PartitionGauges(MeterRegistry registry, Function<K, Meter> register) {
        this.registry = registry;
        this.register = register;
    }

    /** Registers the gauges of newly assigned partitions and removes those of partitions no longer assigned. */
    public synchronized void track(Collection<K> assigned) {
        Set<K> current = Set.copyOf(assigned);
        gauges.entrySet().removeIf(entry -> {
            if (current.contains(entry.getKey())) {
                return false;
            }
            registry.remove(entry.getValue());
            return true;
        });
        current.forEach(partition -> gauges.computeIfAbsent(partition, register));
    }

    /** The partitions reported now. */
    public synchronized Set<K> tracked() {
        return Set.copyOf(gauges.keySet());
    }
}

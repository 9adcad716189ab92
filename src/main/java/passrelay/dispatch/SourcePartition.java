package passrelay.dispatch;

import java.util.Objects;

/** A partition of the source topic, named without Kafka types so this package stays broker-free. */
public record SourcePartition(String topic, int partition) {

    public SourcePartition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}

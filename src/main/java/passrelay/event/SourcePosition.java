package passrelay.event;

import java.util.Objects;
import java.util.Optional;

/** Where a record stood: topic, partition and offset. */
public record SourcePosition(String topic, int partition, long offset) {

    public SourcePosition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty() || partition < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "not a record position: " + Excerpt.quoted(topic) + "/" + partition + "/" + offset);
        }
    }

    /** {@code topic/partition/offset}, the form of the {@code passrelay.replay.of} header. */
    public String reference() {
        return topic + "/" + partition + "/" + offset;
    }

    /** Reads a {@link #reference()} back; Kafka topic names cannot contain '/', so the last two split it. */
    public static Optional<SourcePosition> fromReference(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        int offsetSlash = reference.lastIndexOf('/');
        int partitionSlash = offsetSlash <= 0 ? -1 : reference.lastIndexOf('/', offsetSlash - 1);
        if (partitionSlash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SourcePosition(reference.substring(0, partitionSlash),
                    Integer.parseInt(reference.substring(partitionSlash + 1, offsetSlash)),
                    Long.parseLong(reference.substring(offsetSlash + 1))));
        } catch (IllegalArgumentException notAPosition) {
            return Optional.empty();
        }
    }
}

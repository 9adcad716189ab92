package passrelay.replay;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Where chosen dead letters go: republished to the input topic, or only listed in a dry run. */
interface ReplaySink {

    void replay(DeadLetteredRecord deadLetter);

    /**
     * The records up to {@code offsets} have all been considered. Whatever was replayed before this call
     * must be safely published before those offsets may be committed.
     */
    void considered(Map<TopicPartition, OffsetAndMetadata> offsets);
}

package passrelay.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Republishes to the input topic and commits the DLT offsets only once every copy is acknowledged:
 * a crash between the two replays a record twice, never loses it.
 */
final class Republisher implements ReplaySink {

    /** Commits the replay group's DLT offsets; the consumer's {@code commitSync}. */
    interface OffsetCommitter {
        void commit(Map<TopicPartition, OffsetAndMetadata> offsets);
    }

    private record Sent(String replayOf, Future<RecordMetadata> acknowledgement) {
    }

    private final Producer<byte[], byte[]> producer;
    private final String inputTopic;
    private final OffsetCommitter committer;
    private final List<Sent> unacknowledged = new ArrayList<>();

    Republisher(Producer<byte[], byte[]> producer, String inputTopic, OffsetCommitter committer) {
        this.producer = producer;
        this.inputTopic = inputTopic;
        this.committer = committer;
    }

    @Override
    public void replay(DeadLetteredRecord deadLetter) {
        unacknowledged.add(new Sent(deadLetter.position().reference(),
                producer.send(ReplayCopy.of(deadLetter, inputTopic))));
    }

    @Override
    public void considered(Map<TopicPartition, OffsetAndMetadata> offsets) {
        producer.flush();
        for (Sent sent : unacknowledged) {
            awaitAcknowledgement(sent);
        }
        unacknowledged.clear();
        if (!offsets.isEmpty()) {
            committer.commit(offsets);
        }
    }

    // After flush() every future is complete: get() returns at once or reports the failure.
    private void awaitAcknowledgement(Sent sent) {
        try {
            sent.acknowledgement().get();
        } catch (ExecutionException e) {
            throw new ReplayFailure("publishing the replay of " + sent.replayOf() + " to " + inputTopic + " failed ("
                    + e.getCause() + "); nothing of this batch was committed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted while publishing; nothing of this batch was committed", e);
        }
    }
}

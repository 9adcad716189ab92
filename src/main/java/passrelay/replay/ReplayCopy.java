package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import passrelay.event.DeadLetter;

/**
 * The record replay publishes to the input topic: the dead letter's key, value and original headers,
 * without the {@code passrelay.dlt.*} headers and any earlier {@code passrelay.replay.of}, plus a
 * {@code passrelay.replay.of} naming the DLT record. Stripping keeps a record that fails again from
 * carrying two generations of dead-letter headers into the DLT.
 */
final class ReplayCopy {
    private static final String DEAD_LETTER_PREFIX = "passrelay.dlt.";

    private ReplayCopy() {
    }

    static ProducerRecord<byte[], byte[]> of(DeadLetteredRecord deadLetter, String inputTopic) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.record().headers()) {
            if (!isReplayBookkeeping(header.key())) {
                headers.add(header);
            }
        }
        headers.add(DeadLetter.REPLAY_OF, deadLetter.position().reference().getBytes(UTF_8));
        // No partition and the original key: the partitioner puts the pass where the worker expects it.
        return new ProducerRecord<>(inputTopic, null, deadLetter.record().key(), deadLetter.record().value(), headers);
    }

    static boolean isReplayBookkeeping(String headerName) {
        return headerName.startsWith(DEAD_LETTER_PREFIX) || headerName.equals(DeadLetter.REPLAY_OF);
    }
}

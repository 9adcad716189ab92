package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.replay.DeadLetters.FAILED_AT;
import static passrelay.replay.DeadLetters.header;

import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import passrelay.event.DeadLetter;

class ReplayCopyTest {
    private static final byte[] VALUE = "{\"eventId\":\"e-1\"}".getBytes(UTF_8);

    @Test
    void shouldCarryKeyValueAndOriginalHeadersInOrderWithTheDeadLettersPosition() {
        DeadLetteredRecord deadLetter = DeadLetters.read(41, "p1", VALUE, DeadLetters.headers(
                DeadLetters.unknownResult("SYSTEM_ERROR", FAILED_AT), header("traceparent", "00-abc"),
                header("source", "ticketing")));

        ProducerRecord<byte[], byte[]> copy = ReplayCopy.of(deadLetter, "pass-updates");

        assertThat(copy.topic()).isEqualTo("pass-updates");
        assertThat(copy.partition()).as("partitioned by key, like the original").isNull();
        assertThat(copy.key()).isEqualTo("p1".getBytes(UTF_8));
        assertThat(copy.value()).isEqualTo(VALUE);
        assertThat(names(copy)).containsExactly("traceparent", "source", DeadLetter.REPLAY_OF);
        assertThat(text(copy.headers().lastHeader(DeadLetter.REPLAY_OF))).isEqualTo("pass-updates-dlt/0/41");
    }

    @Test
    void shouldReplaceAnEarlierReplayReferenceAndDropEveryDeadLetterHeader() {
        DeadLetteredRecord deadLetter = DeadLetters.read(7, "p1", VALUE, DeadLetters.headers(
                DeadLetters.unknownResult("SYSTEM_ERROR", FAILED_AT), header(DeadLetter.REPLAY_OF, "pass-updates-dlt/0/2"),
                header("passrelay.dlt.something.newer", "x"), header("passrelay.other", "kept")));

        ProducerRecord<byte[], byte[]> copy = ReplayCopy.of(deadLetter, "pass-updates");

        assertThat(names(copy)).containsExactly("passrelay.other", DeadLetter.REPLAY_OF);
        assertThat(copy.headers().headers(DeadLetter.REPLAY_OF)).hasSize(1);
        assertThat(text(copy.headers().lastHeader(DeadLetter.REPLAY_OF))).isEqualTo("pass-updates-dlt/0/7");
    }

    @Test
    void shouldKeepANullKeyAndHeadersWithNullValues() {
        DeadLetteredRecord deadLetter = DeadLetters.read(3, null, VALUE, DeadLetters.headers(
                DeadLetters.malformed(FAILED_AT), new org.apache.kafka.common.header.internals.RecordHeader("empty", null)));

        ProducerRecord<byte[], byte[]> copy = ReplayCopy.of(deadLetter, "pass-updates");

        assertThat(copy.key()).isNull();
        assertThat(copy.headers().lastHeader("empty").value()).isNull();
    }

    private static String[] names(ProducerRecord<byte[], byte[]> record) {
        return Arrays.stream(record.headers().toArray()).map(Header::key).toArray(String[]::new);
    }

    private static String text(Header header) {
        return new String(header.value(), UTF_8);
    }
}

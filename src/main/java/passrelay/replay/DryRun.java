package passrelay.replay;

import java.io.PrintStream;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import passrelay.event.DeadLetter;

/** {@code --dry-run}: lists what would be replayed; publishes nothing and commits nothing. */
final class DryRun implements ReplaySink {
    private final PrintStream out;

    DryRun(PrintStream out) {
        this.out = out;
    }

    @Override
    public void replay(DeadLetteredRecord deadLetter) {
        DeadLetter headers = deadLetter.deadLetter().orElseThrow();
        out.printf("would replay %s pass=%s reason=%s code=%s failed.at=%s%n", deadLetter.position().reference(),
                deadLetter.passId().orElse("-"), headers.reason(), headers.resultCode().orElse("-"),
                headers.failedAt());
    }

    @Override
    public void considered(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // A dry run leaves the replay group where it was: the real run must see the same records.
    }
}

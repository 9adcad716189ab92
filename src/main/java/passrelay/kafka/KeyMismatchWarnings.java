package passrelay.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.dispatch.SourcePartition;
import passrelay.event.PassUpdateEvent;
import passrelay.ops.Metrics;

/**
 * Records keyed otherwise than by their {@code update.passId}: every one is counted, and a warning
 * is logged at most once a minute with the number seen since, so a mis-keying publisher cannot
 * flood the log. Event-loop only.
 */
final class KeyMismatchWarnings {
    private static final Logger log = LoggerFactory.getLogger(KeyMismatchWarnings.class);
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Metrics metrics;
    private long lastWarning;
    private boolean warned;
    private long suppressed;

    KeyMismatchWarnings(Metrics metrics) {
        this.metrics = metrics;
    }

    void check(ConsumerRecord<byte[], byte[]> record, PassUpdateEvent event) {
        String passId = event.passId();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (passId.equals(key)) {
            return;
        }
        metrics.keyMismatch();
        long now = System.nanoTime();
        if (warned && now - lastWarning < INTERVAL.toNanos()) {
            suppressed++;
            return;
        }
        SourcePartition partition = new SourcePartition(record.topic(), record.partition());
        RecordFields.of(partition, record.offset(), abbreviate(passId), event.eventId()).addTo(log.atWarn())
                .addKeyValue("key", key == null ? "(null)" : abbreviate(key)).addKeyValue("suppressed", suppressed)
                .log("record keyed otherwise than by its update.passId: ordered by passId within the partition only; "
                        + "publishers should key by passId ({} more such records since the last warning, all counted "
                        + "in passrelay_key_mismatch_total)", suppressed);
        lastWarning = now;
        warned = true;
        suppressed = 0;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

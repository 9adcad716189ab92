package passrelay.replay;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import passrelay.event.ResultRecord;

/** Reads the results topic once, from the beginning up to its end offsets then, into a {@link SupersededIndex}. */
final class ResultsScan {
    private ResultsScan() {
    }

    /** Indexes the outcomes of the passes {@code wanted} accepts (all of them, but for {@code --pass-id}). */
    static SupersededIndex read(Consumer<byte[], byte[]> consumer, String resultsTopic, Predicate<String> wanted,
                                Duration timeout, Clock clock, PrintStream out) {
        TopicOffsets offsets = new TopicOffsets(consumer, timeout);
        List<TopicPartition> partitions = offsets.partitions(resultsTopic);
        BoundedRead read = BoundedRead.start(consumer, offsets.beginning(partitions), offsets.end(partitions),
                timeout, clock);
        SupersededIndex index = new SupersededIndex();
        long records = 0;
        long unreadable = 0;
        while (!read.done()) {
            for (ConsumerRecord<byte[], byte[]> record : read.next()) {
                records++;
                var result = ResultRecord.tryFromJson(record.value());
                result.filter(outcome -> wanted.test(outcome.passId())).ifPresent(index::add);
                unreadable += result.isPresent() ? 0 : 1;
            }
        }
        out.printf("results topic %s: %,d records read (%,d not results records, ignored), %,d passes with a final"
                + " outcome%n", resultsTopic, records, unreadable, index.passes());
        return index;
    }
}

package passrelay.replay;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the DLT from the replay group's committed offsets up to the end offsets taken at the start,
 * hands each chosen record to the sink and, batch by batch, marks everything considered (chosen or
 * skipped) as done. With a limit it stops right after the last record it may replay.
 */
final class DeadLetterReplayer {
    private final Consumer<byte[], byte[]> consumer;
    private final ReplayFilter filter;
    private final ReplaySink sink;
    private final OptionalInt limit;
    private final ReplaySummary summary;
    private final PrintStream out;
    private final Clock clock;
    private final Map<TopicPartition, Long> done = new HashMap<>();

    DeadLetterReplayer(Consumer<byte[], byte[]> consumer, ReplayFilter filter, ReplaySink sink, ReplayOptions options,
                       PrintStream out, Clock clock) {
        this.consumer = consumer;
        this.filter = filter;
        this.sink = sink;
        this.limit = options.limit();
        this.summary = new ReplaySummary(options.dryRun());
        this.out = out;
        this.clock = clock;
    }

    ReplaySummary replay(String dltTopic, Duration timeout) {
        TopicOffsets offsets = new TopicOffsets(consumer, timeout);
        List<TopicPartition> partitions = offsets.partitions(dltTopic);
        Map<TopicPartition, Long> end = offsets.end(partitions);
        Map<TopicPartition, Long> start = offsets.committedOrBeginning(partitions);
        done.putAll(start);
        long toRead = announce(dltTopic, start, end);
        try {
            replayUpTo(BoundedRead.start(consumer, start, end, timeout, clock), new ReplayProgress(out, clock, toRead));
        } catch (RuntimeException failure) {
            out.println("stopped by a failure (no offset is committed before its copies are acknowledged); until then:");
            summary.print(out);
            throw failure;
        }
        if (limitReached()) {
            summary.skipped(SkipReason.LIMIT, remaining(end));
        }
        return summary;
    }

    private void replayUpTo(BoundedRead read, ReplayProgress progress) {
        while (!read.done() && !limitReached()) {
            Map<TopicPartition, Long> considered = considerBatch(read.next());
            // Stopped at the limit mid-batch: only what was considered is done, not the whole batch.
            sink.considered(advance(limitReached() ? considered : read.readUpTo()));
            progress.report(summary);
        }
    }

    private Map<TopicPartition, Long> considerBatch(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<TopicPartition, Long> considered = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            if (limitReached()) {
                break;
            }
            consider(DeadLetteredRecord.of(record));
            considered.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        return considered;
    }

    private void consider(DeadLetteredRecord deadLetter) {
        summary.read();
        Optional<SkipReason> skip = filter.skip(deadLetter);
        if (skip.isPresent()) {
            summary.skipped(skip.get());
        } else {
            sink.replay(deadLetter);
            summary.replayed();
        }
    }

    /** The offsets to commit: those that moved past what is already done. */
    private Map<TopicPartition, OffsetAndMetadata> advance(Map<TopicPartition, Long> upTo) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        upTo.forEach((partition, offset) -> {
            if (offset > done.get(partition)) {
                commit.put(partition, new OffsetAndMetadata(offset));
                done.put(partition, offset);
            }
        });
        return commit;
    }

    private boolean limitReached() {
        return limit.isPresent() && summary.replayedCount() >= limit.getAsInt();
    }

    private long remaining(Map<TopicPartition, Long> end) {
        return done.entrySet().stream().mapToLong(entry -> Math.max(0, end.get(entry.getKey()) - entry.getValue())).sum();
    }

    private long announce(String dltTopic, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
        long toRead = 0;
        for (TopicPartition partition : start.keySet()) {
            long from = start.get(partition);
            long to = end.get(partition);
            if (from > to) {
                out.printf("warning: %s: committed offset %d is past the end %d (topic recreated?): nothing read there%n",
                        partition, from, to);
            }
            toRead += Math.max(0, to - from);
        }
        out.printf("reading %s up to its end offsets now: %,d records at most%n", dltTopic, toRead);
        return toRead;
    }
}

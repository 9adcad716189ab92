package passrelay.kafka;

import io.opentelemetry.api.trace.Span;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.dispatch.PassLanes;
import passrelay.dispatch.SourcePartition;
import passrelay.event.DecodedEvent;
import passrelay.event.EventDecoder;
import passrelay.ops.Metrics;

/**
 * Where a consumed record goes: ones an earlier owner finished nowhere, malformed ones to the dead-letter topic, invalid ones straight to a
 * final F, valid ones into their pass's lane. Records are decoded on the thread that hands them over ({@link #decode}), so
 * that the event loop, which every call's outcome and every commit point waits for, only does the bookkeeping
 * ({@link #accept}, event-loop only). Each record's process span starts with its decoding.
 */
final class RecordIntake {
    /** A record, what it decoded to, and its process span. */
    record Arrived(ConsumerRecord<byte[], byte[]> record, DecodedEvent decoded, Span process) {
    }

    private final EventDecoder decoder;
    private final PassLanes<Pending> lanes;
    private final OutcomeWriter writer;
    private final KeyMismatchWarnings keyMismatches;
    private final Worker.Ordering ordering;
    private final Clock clock;
    private final Metrics metrics;
    private final ProcessSpans spans;

    RecordIntake(EventDecoder decoder, PassLanes<Pending> lanes, OutcomeWriter writer,
                 KeyMismatchWarnings keyMismatches, Worker.Ordering ordering, Clock clock, Metrics metrics,
                 ProcessSpans spans) {
        this.metrics = metrics;
        this.decoder = decoder;
        this.lanes = lanes;
        this.writer = writer;
        this.keyMismatches = keyMismatches;
        this.ordering = ordering;
        this.clock = clock;
        this.spans = spans;
    }

    /** Any thread: the decoder and the spans are thread-safe. */
    Arrived decode(ConsumerRecord<byte[], byte[]> record) {
        DecodedEvent decoded = decoder.decode(record.value());
        return new Arrived(record, decoded, spans.start(record, decoded));
    }

    void accept(Arrived arrived) {
        ConsumerRecord<byte[], byte[]> record = arrived.record();
        SourcePartition partition = new SourcePartition(record.topic(), record.partition());
        if (lanes.skipIfFinished(partition, record.offset())) {
            metrics.skipped();
            spans.skipped(arrived.process());
            return; // an earlier owner published its outcome
        }
        DecodedEvent decoded = arrived.decoded();
        if (decoded instanceof DecodedEvent.Malformed malformed) {
            writer.malformed(record, malformed, arrived.process());
        } else if (decoded instanceof DecodedEvent.Invalid invalid) {
            writer.invalid(record, invalid.event(), invalid.message(), arrived.process());
        } else if (decoded instanceof DecodedEvent.Valid valid) {
            keyMismatches.check(record, valid.event());
            String lane = ordering == Worker.Ordering.PER_PASS ? valid.event().passId() : "";
            lanes.accept(partition, record.offset(), lane,
                    new Pending(record, valid.event(), clock.instant(), arrived.process()));
        }
    }
}

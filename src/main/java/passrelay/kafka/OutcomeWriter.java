package passrelay.kafka;

import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.dispatch.Job;
import passrelay.dispatch.PassLanes;
import passrelay.dispatch.Settled;
import passrelay.dispatch.SourcePartition;
import passrelay.event.DeadLetterReason;
import passrelay.event.DecodedEvent;
import passrelay.event.PassUpdateEvent;
import passrelay.ops.Metrics;
import passrelay.relay.Decision;

/**
 * Writes what happened to a record: its results record, its dead letter, or both, and marks its offset
 * published once the broker has acknowledged them all. Its process span ends as they are handed to the producer.
 * Event-loop only.
 */
final class OutcomeWriter {
    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

    private final PassLanes<Pending> lanes;
    private final OutcomeRecords records;
    private final OutcomePublisher publisher;
    private final OutcomeDelivery delivery;
    private final Metrics metrics;
    private final ProcessSpans spans;

    OutcomeWriter(PassLanes<Pending> lanes, OutcomeRecords records, OutcomePublisher publisher,
                  OutcomeDelivery delivery, Metrics metrics, ProcessSpans spans) {
        this.lanes = lanes;
        this.records = records;
        this.publisher = publisher;
        this.delivery = delivery;
        this.metrics = metrics;
        this.spans = spans;
    }

    /** A record that is not an event: to the dead-letter topic, no result (there is no pass to key it by). */
    void malformed(ConsumerRecord<byte[], byte[]> record, DecodedEvent.Malformed malformed, Span process) {
        Settled settled = lanes.acceptSettled(partition(record), record.offset());
        RecordFields fields = new RecordFields(settled.partition(), record.offset(), Optional.empty(),
                malformed.eventId());
        fields.addTo(log.atWarn()).addKeyValue("reason", DeadLetterReason.MALFORMED_EVENT.name())
                .addKeyValue("error", malformed.reason()).addKeyValue("attempts", 0)
                .log("record to the dead-letter topic: malformed");
        metrics.deadLettered(DeadLetterReason.MALFORMED_EVENT.name());
        Map<String, String> headers = records.malformed(record, malformed).headers();
        delivery.deliver(fields, () -> lanes.isCurrent(settled), () -> lanes.published(settled),
                List.of(() -> publisher.deadLetter(record, headers, process)));
        spans.malformed(process);
    }

    /** A well-formed event that breaks a field rule: a final F PARAM_ILLEGAL, nothing called. */
    void invalid(ConsumerRecord<byte[], byte[]> record, PassUpdateEvent event, String message, Span process) {
        Settled settled = lanes.acceptSettled(partition(record), record.offset());
        var result = records.invalid(record, event, message);
        metrics.outcome(result.resultStatus(), result.resultCode());
        byte[] json = result.toJson();
        delivery.deliver(RecordFields.of(settled.partition(), record.offset(), event.passId(), event.eventId()),
                () -> lanes.isCurrent(settled), () -> lanes.published(settled),
                List.of(() -> publisher.result(event.passId(), json, process)));
        spans.outcome(process, result.resultStatus(), result.resultCode(), false);
    }

    /** The event's final outcome, decided by the relay policy; its lane was released already. */
    void finished(Job<Pending> job, Decision.Finish finish) {
        Pending pending = job.payload();
        var result = records.result(job, finish.outcome(), finish.reconciled());
        metrics.outcome(result.resultStatus(), result.resultCode());
        byte[] json = result.toJson();
        RecordFields fields = RecordFields.of(job.partition(), job.offset(), pending.event().passId(),
                pending.event().eventId());
        List<Supplier<CompletableFuture<Void>>> publications = new ArrayList<>();
        publications.add(() -> publisher.result(pending.event().passId(), json, pending.process()));
        if (finish.deadLetter()) {
            fields.addTo(log.atWarn()).addKeyValue("reason", DeadLetterReason.UNKNOWN_RESULT.name())
                    .addKeyValue("resultCode", result.resultCode()).addKeyValue("attempts", job.calls())
                    .log("record to the dead-letter topic: outcome unknown after its retries");
            metrics.deadLettered(DeadLetterReason.UNKNOWN_RESULT.name());
            Map<String, String> headers = records.unknown(job, finish.outcome()).headers();
            publications.add(() -> publisher.deadLetter(pending.record(), headers, pending.process()));
        }
        delivery.deliver(fields, () -> lanes.isCurrent(job), () -> lanes.published(job), publications);
        spans.outcome(pending.process(), result.resultStatus(), result.resultCode(), finish.deadLetter());
    }

    /** The job's partition was lost while it was called: nothing to write, its next owner does. */
    void handedOver(Job<Pending> job) {
        spans.handedOver(job.payload().process());
    }

    /** Records of the partition sent and not yet acknowledged. */
    int inProgress(SourcePartition partition) {
        return delivery.inProgress(partition);
    }

    private static SourcePartition partition(ConsumerRecord<byte[], byte[]> record) {
        return new SourcePartition(record.topic(), record.partition());
    }
}

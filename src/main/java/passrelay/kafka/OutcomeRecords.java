package passrelay.kafka;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.alipay.CallOutcome;
import passrelay.dispatch.Job;
import passrelay.event.DeadLetter;
import passrelay.event.DeadLetterReason;
import passrelay.event.DecodedEvent;
import passrelay.event.PassUpdateEvent;
import passrelay.event.ResultRecord;
import passrelay.event.SourcePosition;

/** Builds the results and dead-letter records of SPEC section 4 from what happened to a record. */
final class OutcomeRecords {
    private final Clock clock;

    OutcomeRecords(Clock clock) {
        this.clock = clock;
    }

    ResultRecord result(Job<Pending> job, CallOutcome outcome, boolean reconciled) {
        Pending pending = job.payload();
        PassUpdateEvent event = pending.event();
        return new ResultRecord(event.eventId(), event.passId(), event.status(),
                reconciled ? "S" : outcome.resultStatus(), outcome.resultCode(),
                Objects.requireNonNullElse(outcome.resultMessage(), ""), job.calls(), reconciled,
                outcome.tracerId(), position(pending.record()), pending.receivedAt(), clock.instant());
    }

    ResultRecord invalid(ConsumerRecord<byte[], byte[]> record, PassUpdateEvent event, String message) {
        return ResultRecord.invalid(event, message, position(record), clock.instant(), clock.instant());
    }

    DeadLetter unknown(Job<Pending> job, CallOutcome outcome) {
        ConsumerRecord<byte[], byte[]> record = job.payload().record();
        Optional<String> error = outcome instanceof CallOutcome.Unknown unknown ? unknown.error() : Optional.empty();
        return new DeadLetter(DeadLetterReason.UNKNOWN_RESULT, position(record), record.timestamp(),
                Optional.of(job.payload().event().eventId()), Optional.of(outcome.resultCode()),
                Optional.ofNullable(outcome.resultMessage()), job.calls(), error, clock.instant());
    }

    DeadLetter malformed(ConsumerRecord<byte[], byte[]> record, DecodedEvent.Malformed malformed) {
        return DeadLetter.malformed(position(record), record.timestamp(), malformed, clock.instant());
    }

    /** The client promises never to fail its future; should it, the event is U, not lost. */
    static CallOutcome clientBug(Throwable error) {
        return new CallOutcome.Unknown("CLIENT_ERROR", "unexpected client failure", Optional.empty(), 0,
                Optional.of(error == null ? "no outcome" : error.getClass().getSimpleName() + ": " + error.getMessage()), false);
    }

    private static SourcePosition position(ConsumerRecord<byte[], byte[]> record) {
        return new SourcePosition(record.topic(), record.partition(), record.offset());
    }
}

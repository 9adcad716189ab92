package passrelay.kafka;

import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.alipay.CallOutcome;
import passrelay.alipay.UpdatePassClient;
import passrelay.dispatch.CommitPoint;
import passrelay.dispatch.Job;
import passrelay.dispatch.PartitionLedger;
import passrelay.dispatch.PassLanes;
import passrelay.dispatch.ResumeMarks;
import passrelay.dispatch.SourcePartition;
import passrelay.ops.Metrics;
import passrelay.relay.AlipayBreaker;
import passrelay.relay.BreakerState;
import passrelay.relay.CallFacts;
import passrelay.relay.ConcurrencyLimit;
import passrelay.relay.Decision;
import passrelay.relay.EarlierCalls;
import passrelay.relay.Permit;
import passrelay.relay.RelayPolicy;

/**
 * The hand-offs between threads: records from the poll thread into lanes, calls out to AlipayHK, their
 * outcomes back through the relay policy, and outcomes out to the producer. Everything runs on one
 * {@link EventLoop}, which owns the lanes, the breaker and the policy; HTTP and producer callbacks hop
 * back onto it. What to do after a call is the policy's decision, not this class's.
 */
final class RelayEngine implements PartitionWork {
    private final PassLanes<Pending> lanes;
    private final PartitionLedger ledger;
    private final RecordIntake intake;
    private final OutcomeWriter writer;
    private final UpdatePassClient client;
    private final AlipayBreaker breaker;
    private final ConcurrencyLimit limit;
    private final RelayPolicy policy;
    private final RelayHealth health;
    private final Metrics metrics;
    private final EventLoop loop;
    private final CallSpans callSpans;
    private volatile EngineSnapshot snapshot;

    RelayEngine(PassLanes<Pending> lanes, PartitionLedger ledger, RecordIntake intake, OutcomeWriter writer,
                UpdatePassClient client, AlipayBreaker breaker, ConcurrencyLimit limit, RelayPolicy policy,
                RelayHealth health, Metrics metrics, EventLoop loop, CallSpans callSpans) {
        this.lanes = lanes;
        this.ledger = ledger;
        this.intake = intake;
        this.writer = writer;
        this.client = client;
        this.breaker = breaker;
        this.limit = limit;
        this.policy = policy;
        this.health = health;
        this.metrics = metrics;
        this.loop = loop;
        this.callSpans = callSpans;
        this.snapshot = new EngineSnapshot(0, 0, 0, 0, BreakerState.CLOSED, limit.limit(), Map.of());
    }

    /**
     * Counts for the gauges, refreshed on every tick: reading them never waits for the loop.
     *
     * @param concurrencyLimit calls that may be in flight now
     * @param oldestUnfinished per partition, when its oldest record whose outcome is not yet published was received
     */
    record EngineSnapshot(int inFlight, int buffered, int lanes, int retriesWaiting, BreakerState breaker,
                          int concurrencyLimit, Map<SourcePartition, Instant> oldestUnfinished) {
    }

    EngineSnapshot snapshot() {
        return snapshot;
    }

    /** Starts the periodic tick: it refreshes the gauges' snapshot and starts due retries and half-open trial calls. */
    void startTicking(Duration tick) {
        loop.every(tick, () -> {
            snapshot = new EngineSnapshot(lanes.inFlight(), lanes.buffered(), lanes.lanes(), lanes.retriesWaiting(),
                    breaker.state(), limit.limit(), ledger.oldestUnfinished());
            pump();
        });
    }

    @Override
    public void submit(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        List<RecordIntake.Arrived> arrived = new ArrayList<>();
        records.forEach(record -> arrived.add(intake.decode(record))); // on the poll thread, off the loop
        loop.execute(() -> {
            arrived.forEach(intake::accept);
            metrics.consumed(arrived.size());
            pump();
        });
    }

    @Override
    public void assigned(Map<SourcePartition, ResumeMarks> partitions) {
        loop.ask(() -> {
            partitions.forEach(ledger::assign);
            return null;
        });
    }

    @Override
    public Map<SourcePartition, CommitPoint> claim(Map<SourcePartition, Claim> claims, int maxChars) {
        return loop.ask(() -> {
            claims.forEach((partition, claim) -> ledger.claim(partition, claim.from(), claim.upTo()));
            return points(claims.keySet(), maxChars);
        });
    }

    @Override
    public void hold(Collection<SourcePartition> partitions) {
        loop.ask(() -> {
            partitions.forEach(ledger::hold);
            return null;
        });
    }

    @Override
    public boolean quiet(Collection<SourcePartition> partitions) {
        return loop.ask(() -> partitions.stream()
                .allMatch(p -> ledger.inFlight(p) == 0 && writer.inProgress(p) == 0));
    }

    @Override
    public void revoked(Collection<SourcePartition> partitions) {
        loop.ask(() -> {
            partitions.forEach(ledger::revoke);
            return null;
        });
    }

    @Override
    public Map<SourcePartition, CommitPoint> commitPoints(Collection<SourcePartition> partitions, int maxChars) {
        return loop.ask(() -> points(partitions, maxChars));
    }

    private Map<SourcePartition, CommitPoint> points(Collection<SourcePartition> partitions, int maxChars) {
        Map<SourcePartition, CommitPoint> points = new HashMap<>();
        partitions.forEach(p -> ledger.commitPoint(p, maxChars).ifPresent(point -> points.put(p, point)));
        return points;
    }

    @Override
    public Pauses pauses() {
        return loop.ask(() -> new Pauses(ledger.partitionsToPause(), ledger.partitionsToResume(),
                breaker.state() == BreakerState.OPEN));
    }

    @Override
    public Optional<Throwable> fatal() {
        return loop.fatal();
    }

    /** The breaker's leave and the concurrency limit's stamp for one call. */
    private record Launch(Permit permit, long limitStamp) {
    }

    /** Starts every call the lanes, the concurrency limit and the breaker allow. */
    private void pump() {
        if (!breaker.admitsCalls()) {
            return; // AlipayHK is down: no call until the breaker's open wait is over
        }
        List<Launch> launches = new ArrayList<>();
        List<Job<Pending>> started = lanes.start(limit.limit(),
                () -> breaker.permit().map(permit -> launches.add(new Launch(permit, limit.started()))).isPresent());
        for (int i = 0; i < started.size(); i++) {
            call(started.get(i), launches.get(i));
        }
    }

    /** Only the update goes to the client: the trace stays on this side (see {@link CallSpans}). */
    private void call(Job<Pending> job, Launch launch) {
        long startedNanos = System.nanoTime();
        Span span = callSpans.start(job.payload().process(), job.calls());
        client.updatePass(job.payload().event().update())
                .whenComplete((outcome, error) -> loop.execute(() -> landed(job, launch,
                        outcome != null ? outcome : OutcomeRecords.clientBug(error), startedNanos, span)));
    }

    private void landed(Job<Pending> job, Launch launch, CallOutcome outcome, long startedNanos, Span span) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        metrics.call(outcome.outcomeClass(), elapsed);
        callSpans.end(span, outcome);
        Decision decision = policy.afterCall(facts(job, launch, elapsed), outcome);
        health.configSignal(decision.config(), outcome);
        if (!lanes.isCurrent(job)) {
            lanes.landStale(job); // the partition was lost: its new owner calls again
            writer.handedOver(job);
        } else if (decision.next() instanceof Decision.Retry retry) {
            metrics.retry();
            lanes.retryLater(job, retry.spendAttempt());
        } else if (decision.next() instanceof Decision.Finish finish) {
            lanes.finish(job);
            writer.finished(job, finish);
        }
        pump();
    }

    private static CallFacts facts(Job<Pending> job, Launch launch, Duration elapsed) {
        var event = job.payload().event();
        EarlierCalls earlier = job.possibleResend() ? EarlierCalls.SENT_BY_EARLIER_OWNER
                : job.hadRetryableFailure() ? EarlierCalls.ENDED_UNKNOWN : EarlierCalls.NONE;
        return new CallFacts(event.passId(), event.status(), job.attempts(), earlier, launch.permit(), elapsed,
                launch.limitStamp());
    }
}

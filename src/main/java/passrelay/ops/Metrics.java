package passrelay.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * Every passrelay meter, defined here and nowhere else. Names are {@code passrelay.*} (Prometheus:
 * {@code passrelay_*}); tag names are lower snake case. The README's "Health and metrics" lists them.
 */
public final class Metrics {
    /**
     * Buckets of the call latency histogram: from a fast answer to beyond the default 8 s call timeout, so a
     * percentile or an SLO ("95 % under 1 s") can be read from {@code passrelay_call_duration_seconds_bucket}.
     */
    static final List<Duration> CALL_BUCKETS = List.of(Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30));
    private static final Duration[] CALL_BUCKET_ARRAY = CALL_BUCKETS.toArray(Duration[]::new);
    private static final Pattern NOT_SNAKE = Pattern.compile("[^a-z0-9]+");

    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter retries;
    private final Counter keyMismatches;
    private final Counter publishRetries;
    private final Counter skipped;
    private final Counter finishedDropped;
    /** Per-event meters, looked up once: building and registering a meter per event costs more than recording. */
    private final Map<String, Timer> callTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomeCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> dltCounters = new ConcurrentHashMap<>();

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
        this.consumed = Counter.builder("passrelay.records.consumed")
                .description("records taken from the input topic").register(registry);
        this.retries = Counter.builder("passrelay.retries")
                .description("calls scheduled again after a U or our-fault outcome").register(registry);
        this.keyMismatches = Counter.builder("passrelay.key.mismatch")
                .description("records whose key differs from update.passId").register(registry);
        this.publishRetries = Counter.builder("passrelay.publish.retries")
                .description("results or DLT publications that failed and were tried again").register(registry);
        this.skipped = Counter.builder("passrelay.records.skipped")
                .description("records an earlier owner had finished (from the commit metadata): not called again")
                .register(registry);
        this.finishedDropped = Counter.builder("passrelay.commit.finished.dropped")
                .description("finished offsets left out of a commit's metadata for lack of room").register(registry);
    }

    /** A Prometheus registry with the JVM meters bound. */
    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void consumed(int records) {
        consumed.increment(records);
    }

    /** One final outcome published: {@code status} S, F or U, {@code code} the result code. */
    public void outcome(String status, String code) {
        outcomeCounters.computeIfAbsent(status + ' ' + code, key -> Counter.builder("passrelay.outcomes")
                .description("final outcomes published, by status and code")
                .tag("status", status).tag("code", code).register(registry)).increment();
    }

    public void deadLettered(String reason) {
        deadLetterCounter(reason).increment();
    }

    /**
     * The dead-letter counters of these reasons, at 0 from the start: Prometheus' {@code rate()} and
     * {@code increase()} cannot see a counter's first value, so a counter created by its first dead letter
     * would hide that dead letter from the alert on them.
     */
    public void deadLetterReasons(List<String> reasons) {
        reasons.forEach(this::deadLetterCounter);
    }

    private Counter deadLetterCounter(String reason) {
        return dltCounters.computeIfAbsent(reason, r -> Counter.builder("passrelay.dlt")
                .description("records sent to the dead-letter topic, by reason").tag("reason", r).register(registry));
    }

    /** A record an earlier owner of its partition had finished: neither called nor published again. */
    public void skipped() {
        skipped.increment();
    }

    /** Finished offsets that did not fit the commit metadata: a crash now would redo them. */
    public void finishedOffsetsDropped(long count) {
        finishedDropped.increment(count);
    }

    public void retry() {
        retries.increment();
    }

    public void keyMismatch() {
        keyMismatches.increment();
    }

    public void publishRetry() {
        publishRetries.increment();
    }

    /**
     * Duration of one AlipayHK call, by its class of SPEC section 4 ({@code S}, {@code F}, {@code our-fault F},
     * {@code U}), tagged {@code class} as {@code s}, {@code f}, {@code our_fault}, {@code u}.
     */
    public void call(String outcomeClass, Duration duration) {
        callTimers.computeIfAbsent(outcomeClass, c -> Timer.builder("passrelay.call.duration")
                .description("AlipayHK updatePass calls, by outcome class")
                .tag("class", classTag(c)).serviceLevelObjectives(CALL_BUCKET_ARRAY)
                .register(registry)).record(duration);
    }

    /** Lower snake case, as Prometheus users expect of label values too; a class added later is still tagged. */
    static String classTag(String outcomeClass) {
        return switch (outcomeClass) {
            case "S" -> "s";
            case "F" -> "f";
            case "our-fault F" -> "our_fault";
            case "U" -> "u";
            default -> NOT_SNAKE.matcher(outcomeClass.toLowerCase(Locale.ROOT)).replaceAll("_");
        };
    }

    /** One circuit-breaker transition; tags are the states' lower-case names. */
    public void breakerTransition(String fromState, String toState) {
        Counter.builder("passrelay.breaker.transitions").description("AlipayHK circuit-breaker transitions")
                .tag("from_state", fromState).tag("to_state", toState).register(registry).increment();
    }

    /** The breaker's state as one gauge per state, 1 for the current one (closed, open, half_open). */
    public void breakerState(List<String> states, Supplier<String> current) {
        for (String state : states) {
            Gauge.builder("passrelay.breaker.state", () -> state.equals(current.get()) ? 1 : 0)
                    .description("AlipayHK circuit-breaker state: 1 for the current one").tag("state", state)
                    .register(registry);
        }
    }

    /**
     * {@code passrelay.concurrency.limit}: calls that may be in flight now (fixed, or following AlipayHK's health), and
     * {@code passrelay.concurrency.cuts} by {@code cause}, every cause registered at 0 so that a rate can be taken
     * before the first cut.
     */
    public void concurrency(Supplier<Number> limit, List<String> causes) {
        gauge("passrelay.concurrency.limit", "calls that may be in flight now", limit);
        causes.forEach(this::cutCounter);
    }

    /**
     * {@code passrelay.concurrency.limit.min}: the adaptive limit's floor ({@code PASSRELAY_CONCURRENCY_MIN}), so that
     * "held at its floor" can be alerted on; registered only under adaptive concurrency (a fixed limit has no floor).
     */
    public void concurrencyFloor(int min) {
        gauge("passrelay.concurrency.limit.min", "the adaptive limit's floor, PASSRELAY_CONCURRENCY_MIN", () -> min);
    }

    /** One cut of the adaptive concurrency limit; {@code cause} is lower snake case. */
    public void concurrencyCut(String cause) {
        cutCounter(cause).increment();
    }

    private Counter cutCounter(String cause) {
        return Counter.builder("passrelay.concurrency.cuts")
                .description("cuts of the adaptive limit on calls in flight, by cause").tag("cause", cause)
                .register(registry);
    }

    /** Gauges read from the engine's snapshot and the poll loop; none of them waits for either. */
    public void engineGauges(EngineGauges gauges) {
        gauge("passrelay.calls.in.flight", "AlipayHK calls in flight", gauges.callsInFlight());
        gauge("passrelay.records.buffered", "records held whose outcome is not yet published",
                gauges.recordsBuffered());
        gauge("passrelay.passes.queued", "passes with work held: queued, in flight or waiting to retry",
                gauges.passesQueued());
        gauge("passrelay.retries.waiting", "events waiting for a retry's backoff to pass", gauges.retriesWaiting());
        gauge("passrelay.partitions.paused", "assigned partitions paused", gauges.partitionsPaused());
    }

    /** Where {@link #engineGauges} reads its values. */
    public record EngineGauges(Supplier<Number> callsInFlight, Supplier<Number> recordsBuffered,
                               Supplier<Number> passesQueued, Supplier<Number> retriesWaiting,
                               Supplier<Number> partitionsPaused) {
    }

    /**
     * {@code passrelay.partition.oldest.unfinished.age} (seconds, tag {@code partition}): how long the partition's
     * oldest unfinished record — received, its outcome not yet published, so the commit waits for it — has been
     * held, 0 when none is. It grows while a pass is stuck in retries or outcomes cannot be published.
     *
     * @param receivedAt when the partition's oldest unfinished record was received; null when it has none
     */
    public <K> PartitionGauges<K> oldestUnfinishedAge(Function<K, Instant> receivedAt, Clock clock) {
        return new PartitionGauges<>(registry, partition -> Gauge.builder("passrelay.partition.oldest.unfinished.age",
                        () -> secondsSince(receivedAt.apply(partition), clock))
                .description("age of the partition's oldest record whose outcome is not yet published")
                .baseUnit("seconds").tag("partition", partition.toString()).register(registry));
    }

    private static double secondsSince(Instant since, Clock clock) {
        return since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    /**
     * {@code passrelay.build.info}, always 1: what is running, in its tags — {@code version} (the jar's),
     * {@code crypto} ({@code native} or {@code jdk}: which implementation signs) and {@code java}.
     */
    public void buildInfo(String version, String crypto) {
        Gauge.builder("passrelay.build.info", () -> 1)
                .description("the running build; the value is always 1")
                .tag("version", version).tag("crypto", crypto).tag("java", System.getProperty("java.version"))
                .register(registry);
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}

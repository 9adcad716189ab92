package passrelay.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** Every passrelay meter, defined here and nowhere else. Names are {@code passrelay.*}. */
public final class Metrics {
    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter retries;
    private final Counter keyMismatches;
    private final Counter publishRetries;
    private final Counter skipped;
    private final Counter finishedDropped;

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

    public void outcome(String resultStatus, String resultCode) {
        Counter.builder("passrelay.outcomes").description("final outcomes published, by status and code")
                .tag("resultStatus", resultStatus).tag("resultCode", resultCode).register(registry).increment();
    }

    public void deadLettered(String reason) {
        Counter.builder("passrelay.dlt").description("records sent to the dead-letter topic, by reason")
                .tag("reason", reason).register(registry).increment();
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

    /** Duration of one AlipayHK call, by outcome class (S, F, our-fault, U). */
    public void call(String outcomeClass, Duration duration) {
        Timer.builder("passrelay.call.duration").description("AlipayHK updatePass calls")
                .tag("class", outcomeClass).register(registry).record(duration);
    }

    /** One circuit-breaker transition; tags are the states' lower-case names. */
    public void breakerTransition(String fromState, String toState) {
        Counter.builder("passrelay.breaker.transitions").description("AlipayHK circuit-breaker transitions")
                .tag("from_state", fromState).tag("to_state", toState).register(registry).increment();
    }

    /** The breaker's state as one gauge per state, 1 for the current one (closed, open, half_open). */
    public void breakerState(java.util.List<String> states, Supplier<String> current) {
        for (String state : states) {
            io.micrometer.core.instrument.Gauge.builder("passrelay.breaker.state",
                            () -> state.equals(current.get()) ? 1 : 0)
                    .description("AlipayHK circuit-breaker state: 1 for the current one").tag("state", state)
                    .register(registry);
        }
    }

    /** Gauges read from the engine: in-flight calls, buffered records, lanes, paused partitions. */
    public void engineGauges(Supplier<Number> inFlight, Supplier<Number> buffered, Supplier<Number> lanes,
                             Supplier<Number> pausedPartitions) {
        gauge("passrelay.inflight", "calls in flight", inFlight);
        gauge("passrelay.buffered", "records held and not yet published", buffered);
        gauge("passrelay.lanes", "passes with queued work", lanes);
        gauge("passrelay.partitions.paused", "assigned partitions paused", pausedPartitions);
    }

    /**
     * {@code passrelay.build.info}, always 1: what is running, in its tags — {@code version} (the jar's),
     * {@code crypto} ({@code native} or {@code jdk}: which implementation signs) and {@code java}.
     */
    public void buildInfo(String version, String crypto) {
        io.micrometer.core.instrument.Gauge.builder("passrelay.build.info", () -> 1)
                .description("the running build; the value is always 1")
                .tag("version", version).tag("crypto", crypto).tag("java", System.getProperty("java.version"))
                .register(registry);
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }
}

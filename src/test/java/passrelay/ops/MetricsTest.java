package passrelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import passrelay.testing.ManualClock;

class MetricsTest {

    @Test
    void buildInfoShouldBeOneWithVersionCryptoAndJavaAsTags() {
        PrometheusMeterRegistry registry = Metrics.prometheus();

        new Metrics(registry).buildInfo("1.2.3", "native");

        Gauge info = registry.get("passrelay.build.info").gauge();
        assertThat(info.value()).isEqualTo(1.0);
        assertThat(info.getId().getTag("version")).isEqualTo("1.2.3");
        assertThat(info.getId().getTag("crypto")).isEqualTo("native");
        assertThat(info.getId().getTag("java")).isEqualTo(System.getProperty("java.version"));
        assertThat(registry.scrape()).contains("passrelay_build_info{crypto=\"native\",java=\""
                + System.getProperty("java.version") + "\",version=\"1.2.3\"} 1");
    }

    @Test
    void theVersionShouldBeDevWhenRunFromClassesRatherThanTheJar() {
        assertThat(BuildVersion.current()).isEqualTo("dev");
    }

    @Test
    void shouldCountOutcomesByStatusAndCode() {
        PrometheusMeterRegistry registry = Metrics.prometheus();
        Metrics metrics = new Metrics(registry);

        metrics.outcome("S", "SUCCESS");
        metrics.outcome("S", "SUCCESS");
        metrics.outcome("F", "PARAM_ILLEGAL");

        assertThat(registry.get("passrelay.outcomes").tags("status", "S", "code", "SUCCESS").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.scrape()).contains("passrelay_outcomes_total{code=\"SUCCESS\",status=\"S\"} 2.0",
                "passrelay_outcomes_total{code=\"PARAM_ILLEGAL\",status=\"F\"} 1.0");
    }

    @Test
    void shouldTimeCallsByClassInHistogramBucketsFrom5MillisecondsTo30Seconds() {
        PrometheusMeterRegistry registry = Metrics.prometheus();
        Metrics metrics = new Metrics(registry);

        metrics.call("S", Duration.ofMillis(30));
        metrics.call("F", Duration.ofMillis(30));
        metrics.call("our-fault F", Duration.ofMillis(30));
        metrics.call("U", Duration.ofSeconds(8));

        assertThat(registry.find("passrelay.call.duration").timers()).extracting(timer -> timer.getId().getTag("class"))
                .containsExactlyInAnyOrder("s", "f", "our_fault", "u");
        String scrape = registry.scrape();
        assertThat(scrape).contains("passrelay_call_duration_seconds_bucket{class=\"s\",le=\"0.005\"} 0",
                "passrelay_call_duration_seconds_bucket{class=\"s\",le=\"0.05\"} 1",
                "passrelay_call_duration_seconds_bucket{class=\"u\",le=\"5.0\"} 0",
                "passrelay_call_duration_seconds_bucket{class=\"u\",le=\"10.0\"} 1",
                "passrelay_call_duration_seconds_bucket{class=\"u\",le=\"30.0\"} 1",
                "passrelay_call_duration_seconds_bucket{class=\"u\",le=\"+Inf\"} 1");
        assertThat(scrape.lines().filter(line -> line.startsWith("passrelay_call_duration_seconds_bucket{class=\"s\""))
                .count()).as("12 buckets and +Inf").isEqualTo(Metrics.CALL_BUCKETS.size() + 1);
    }

    @Test
    void shouldNameTheEngineGaugesWithNounsAndReadThemFromTheirSuppliers() {
        PrometheusMeterRegistry registry = Metrics.prometheus();

        new Metrics(registry).engineGauges(new Metrics.EngineGauges(() -> 3, () -> 40, () -> 12, () -> 2, () -> 1));

        assertThat(registry.get("passrelay.calls.in.flight").gauge().value()).isEqualTo(3);
        assertThat(registry.get("passrelay.records.buffered").gauge().value()).isEqualTo(40);
        assertThat(registry.get("passrelay.passes.queued").gauge().value()).isEqualTo(12);
        assertThat(registry.get("passrelay.retries.waiting").gauge().value()).isEqualTo(2);
        assertThat(registry.get("passrelay.partitions.paused").gauge().value()).isEqualTo(1);
        assertThat(registry.scrape()).contains("passrelay_calls_in_flight 3.0", "passrelay_records_buffered 40.0",
                "passrelay_passes_queued 12.0", "passrelay_retries_waiting 2.0", "passrelay_partitions_paused 1.0");
    }

    @Test
    void shouldReportTheOldestUnfinishedRecordsAgePerAssignedPartition() {
        PrometheusMeterRegistry registry = Metrics.prometheus();
        ManualClock clock = new ManualClock();
        Instant received = clock.instant();
        Map<String, Instant> oldest = new java.util.HashMap<>(Map.of("pass-updates-0", received));
        PartitionGauges<String> ages = new Metrics(registry).oldestUnfinishedAge(oldest::get, clock);

        ages.track(List.of("pass-updates-0", "pass-updates-1"));
        clock.advance(Duration.ofMillis(90_500));

        assertThat(age(registry, "pass-updates-0")).isEqualTo(90.5);
        assertThat(age(registry, "pass-updates-1")).as("nothing unfinished").isZero();
        assertThat(registry.scrape()).contains(
                "passrelay_partition_oldest_unfinished_age_seconds{partition=\"pass-updates-0\"} 90.5");

        oldest.remove("pass-updates-0");
        assertThat(age(registry, "pass-updates-0")).as("published since").isZero();

        ages.track(List.of("pass-updates-1"));
        assertThat(registry.find("passrelay.partition.oldest.unfinished.age").gauges())
                .extracting(gauge -> gauge.getId().getTag("partition")).containsExactly("pass-updates-1");
        assertThat(ages.tracked()).isEqualTo(Set.of("pass-updates-1"));
    }

    @Test
    void deadLetterCountersShouldExistAtZeroBeforeTheFirstDeadLetterSoThatARateSeesIt() {
        PrometheusMeterRegistry registry = Metrics.prometheus();
        Metrics metrics = new Metrics(registry);

        metrics.deadLetterReasons(List.of("UNKNOWN_RESULT", "MALFORMED_EVENT"));

        assertThat(registry.scrape()).contains("passrelay_dlt_total{reason=\"UNKNOWN_RESULT\"} 0.0",
                "passrelay_dlt_total{reason=\"MALFORMED_EVENT\"} 0.0");
        metrics.deadLettered("MALFORMED_EVENT");
        metrics.deadLettered("SOMETHING_NEW");
        assertThat(registry.scrape()).contains("passrelay_dlt_total{reason=\"MALFORMED_EVENT\"} 1.0",
                "passrelay_dlt_total{reason=\"UNKNOWN_RESULT\"} 0.0", "passrelay_dlt_total{reason=\"SOMETHING_NEW\"} 1.0");
    }

    @Test
    void shouldTagEveryPassrelayMeterInLowerSnakeCase() {
        PrometheusMeterRegistry registry = Metrics.prometheus();
        Metrics metrics = new Metrics(registry);
        metrics.consumed(1);
        metrics.outcome("U", "UNKNOWN_EXCEPTION");
        metrics.deadLettered("UNKNOWN_RESULT");
        metrics.call("our-fault F", Duration.ofMillis(5));
        metrics.breakerTransition("closed", "open");
        metrics.breakerState(List.of("closed", "open", "half_open"), () -> "open");
        metrics.engineGauges(new Metrics.EngineGauges(() -> 0, () -> 0, () -> 0, () -> 0, () -> 0));
        metrics.oldestUnfinishedAge(partition -> null, new ManualClock()).track(List.of("pass-updates-0"));
        metrics.buildInfo("1.0", "jdk");

        List<Meter> ours = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("passrelay.")).toList();

        assertThat(ours).hasSizeGreaterThan(15);
        assertThat(ours).allSatisfy(meter -> assertThat(meter.getId().getTags()).extracting(Tag::getKey)
                .allMatch(key -> key.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), "lower snake case"));
        assertThat(ours).extracting(meter -> meter.getId().getTag("class")).filteredOn(java.util.Objects::nonNull)
                .allMatch(value -> value.matches("[a-z_]+"));
    }

    private static double age(PrometheusMeterRegistry registry, String partition) {
        return registry.get("passrelay.partition.oldest.unfinished.age").tag("partition", partition).gauge().value();
    }
}

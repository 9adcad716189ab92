package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.event.ResultRecord;
import passrelay.simulator.Arrival;
import passrelay.simulator.InjectedFault;
import passrelay.testing.KafkaBroker;

/**
 * A throttling AlipayHK (the simulator's throttle mode: above Q requests being served it answers
 * {@code REQUEST_TRAFFIC_EXCEED_LIMIT} at once) on the real broker: the adaptive limit settles near Q, throttling
 * spends no event's budget and opens no breaker, and order per pass holds; with a fixed limit the same throttling
 * is the breaker's to answer, and still dead-letters nothing.
 */
@ExtendWith(KafkaBroker.class)
class ThrottleIT {
    private static final int Q = 16;

    @Test
    void shouldSettleNearAThrottlingAlipayHKWithoutSpendingABudgetOrOpeningTheBreaker(KafkaBroker.Endpoint kafka)
            throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "throttle", 6, false, sim -> sim.seed(11))) {
            throttled(fixture, "adaptive", 128);
            fixture.simulator().faults().latencyMs(50).update(settings -> settings.withMaxConcurrent(Q));
            Map<String, Integer> perPass = WorkerIT.publish(fixture, 400, 4);
            CommitAuditor auditor = CommitAuditor.start(fixture);
            fixture.startWorker();
            Samples samples = Samples.every(20, fixture);

            List<ResultRecord> results = WorkerIT.awaitResults(fixture, WorkerIT.eventIds(perPass));
            samples.stop();
            auditor.stop();

            List<Arrival> arrivals = fixture.simulator().allArrivals();
            List<Arrival> settled = arrivals.subList(arrivals.size() / 3, arrivals.size());
            double throttledShare = throttledShare(settled);
            System.out.printf("throttle, adaptive: %d calls, %d throttled (%.1f %% after the first third); served at "
                            + "once %.1f of Q=%d on average, worker limit %.1f on average; cuts %d; breaker "
                            + "transitions %d%n", arrivals.size(), throttledCount(arrivals), 100 * throttledShare,
                    samples.meanServed(), Q, samples.meanLimit(), cuts(fixture.meters, "throttled"),
                    BreakerFigures.transitions(fixture.meters));
            assertEveryEventSucceededInOrder(fixture, perPass, results);
            auditor.assertNoCommitPassedAnUnpublishedRecord();
            assertThat(BreakerFigures.transitions(fixture.meters)).as("breaker transitions while throttled").isZero();
            assertThat(cuts(fixture.meters, "throttled")).as("cuts for throttling").isPositive();
            assertThat(throttledShare).as("throttled share of calls once settled").isLessThan(0.10);
            assertThat(samples.meanLimit()).as("the worker's limit, once settled: near Q, neither at its floor nor "
                    + "its maximum").isBetween(0.5 * Q, 2.0 * Q);
        }
    }

    @Test
    void shouldLeaveThrottlingToTheBreakerWithAFixedLimitAndStillDeadLetterNothing(KafkaBroker.Endpoint kafka)
            throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "throttle-fixed", 3, false, sim -> sim.seed(12))) {
            throttled(fixture, "fixed", 64);
            fixture.set("PASSRELAY_BREAKER_MAX_WAIT_MS", "500");
            fixture.simulator().faults().latencyMs(20).update(settings -> settings.withMaxConcurrent(8));
            Map<String, Integer> perPass = WorkerIT.publish(fixture, 60, 2);
            fixture.startWorker();

            List<ResultRecord> results = WorkerIT.awaitResults(fixture, WorkerIT.eventIds(perPass));

            System.out.printf("throttle, fixed: %d calls, %d throttled; breaker openings %d%n",
                    fixture.simulator().allArrivals().size(), throttledCount(fixture.simulator().allArrivals()),
                    BreakerFigures.openings(fixture.meters));
            assertEveryEventSucceededInOrder(fixture, perPass, results);
            assertThat(BreakerFigures.openings(fixture.meters)).as("throttling counted by the breaker").isPositive();
        }
    }

    /** Two attempts per event: a throttled call that spent one would soon dead-letter its event. */
    private static void throttled(RelayFixture fixture, String concurrency, int maxInFlight) {
        fixture.set("PASSRELAY_CONCURRENCY", concurrency).set("PASSRELAY_MAX_IN_FLIGHT", String.valueOf(maxInFlight))
                .set("PASSRELAY_CONCURRENCY_MIN", "4").set("PASSRELAY_RETRY_MAX_ATTEMPTS", "2")
                .set("PASSRELAY_RETRY_INITIAL_BACKOFF_MS", "20").set("PASSRELAY_RETRY_MAX_BACKOFF_MS", "200");
    }

    private static void assertEveryEventSucceededInOrder(RelayFixture fixture, Map<String, Integer> perPass,
                                                         List<ResultRecord> results) {
        var outcomes = ProcessingGuarantees.assertOneOutcomePerEvent(WorkerIT.eventIds(perPass), results, false);
        assertThat(outcomes.values()).extracting(ResultRecord::resultStatus).as("throttling ends no event")
                .containsOnly("S");
        assertThat(fixture.deadLetters()).as("dead letters because of throttling").isEmpty();
        ProcessingGuarantees.assertOrderPerPass(fixture.simulator(), perPass, false);
        assertThat(fixture.simulator().overlappingCalls()).as("calls of a pass overlapping another").isZero();
    }

    private static long throttledCount(List<Arrival> arrivals) {
        return arrivals.stream().filter(a -> a.fault().equals(Optional.of(InjectedFault.THROTTLED))).count();
    }

    private static double throttledShare(List<Arrival> arrivals) {
        return arrivals.isEmpty() ? 0 : (double) throttledCount(arrivals) / arrivals.size();
    }

    private static long cuts(MeterRegistry meters, String cause) {
        return (long) meters.find("passrelay.concurrency.cuts").tag("cause", cause).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Requests the simulator serves at once and the worker's limit, sampled while the stream runs. */
    private static final class Samples {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final List<Integer> served = new CopyOnWriteArrayList<>();
        private final List<Double> limits = new CopyOnWriteArrayList<>();

        static Samples every(long millis, RelayFixture fixture) {
            Samples samples = new Samples();
            samples.timer.scheduleAtFixedRate(() -> {
                int now = fixture.simulator().requestsBeingServed();
                if (now > 0) { // while there is work: the stream's tail waits on few passes
                    samples.served.add(now);
                    Gauge limit = fixture.meters.find("passrelay.concurrency.limit").gauge();
                    samples.limits.add(limit == null ? Double.NaN : limit.value());
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
            return samples;
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }

        /** The mean over the middle half of the samples: after settling, before the stream's tail. */
        double meanServed() {
            return middleMean(served.stream().map(Integer::doubleValue).toList());
        }

        double meanLimit() {
            return middleMean(limits);
        }

        private static double middleMean(List<Double> values) {
            List<Double> middle = values.subList(values.size() / 4, values.size() * 3 / 4);
            return middle.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }
}

package passrelay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import passrelay.processes.SimulatorProcess;

/**
 * What the simulator serves and what the worker's meters say, sampled every period while a scenario runs. Times
 * are milliseconds since the timeline started.
 */
final class Timeline implements AutoCloseable {

    /**
     * @param served    requests the simulator was serving at that moment
     * @param admitted  requests it had admitted past its throttle so far
     * @param throttled requests it had throttled so far
     * @param limit     the worker's {@code passrelay_concurrency_limit}
     * @param inFlight  the worker's {@code passrelay_calls_in_flight}
     * @param retries   the worker's {@code passrelay_retries_total}
     * @param calls     the worker's calls so far (its call-duration histogram's count)
     * @param callSeconds the time those calls took, summed (the histogram's sum)
     * @param outcomes  the worker's final outcomes published so far ({@code passrelay_outcomes_total})
     */
    record Sample(long millis, int served, long admitted, long throttled, double limit, double inFlight, double retries,
                  double calls, double callSeconds, double outcomes) {
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-timeline");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final long start = System.nanoTime();

    static Timeline start(SimulatorProcess simulator, int workerPort, long periodMillis) {
        Timeline timeline = new Timeline();
        timeline.timer.scheduleAtFixedRate(() -> timeline.sample(simulator, workerPort), 0, periodMillis,
                TimeUnit.MILLISECONDS);
        return timeline;
    }

    /** Milliseconds since the start. */
    long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples taken from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive). */
    List<Sample> between(long fromMillis, long toMillis) {
        return samples.stream().filter(s -> s.millis() >= fromMillis && s.millis() < toMillis).toList();
    }

    /** Milliseconds from {@code fromMillis} to the first sample at or after it that satisfies {@code condition}. */
    OptionalLong firstAfter(long fromMillis, Predicate<Sample> condition) {
        return samples.stream().filter(s -> s.millis() >= fromMillis).filter(condition)
                .mapToLong(s -> s.millis() - fromMillis).findFirst();
    }

    private void sample(SimulatorProcess simulator, int workerPort) {
        try {
            JsonNode load = simulator.load();
            WorkerScrape worker = WorkerScrape.of(workerPort);
            samples.add(new Sample(now(), load.path("beingServed").asInt(), load.path("admitted").asLong(),
                    load.path("throttled").asLong(), worker.sum("passrelay_concurrency_limit"),
                    worker.sum("passrelay_calls_in_flight"), worker.sum("passrelay_retries_total"),
                    worker.sum("passrelay_call_duration_seconds_count"), worker.sum("passrelay_call_duration_seconds_sum"),
                    worker.sum("passrelay_outcomes_total")));
        } catch (RuntimeException e) {
            // the worker is starting or stopping: no sample this time
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}

package passrelay.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import passrelay.demo.SampleEvents;
import passrelay.demo.SampleProducer;
import passrelay.testing.Await;

/**
 * A ticketing system publishing all the while: one event every {@code interval}, round robin over
 * {@code passes} passes, each acknowledged before the next. Knows what it published, and when.
 */
final class SteadyTraffic implements AutoCloseable {
    private final RelayFixture fixture;
    private final int passes;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> published = new ArrayList<>();
    private final Map<String, Integer> perPass = new LinkedHashMap<>();
    private final Thread thread;
    private volatile long lastPublishNanos;

    private SteadyTraffic(RelayFixture fixture, int passes, Duration interval) {
        this.fixture = fixture;
        this.passes = passes;
        this.interval = interval;
        this.thread = new Thread(this::publish, "steady-traffic");
    }

    static SteadyTraffic start(RelayFixture fixture, int passes, Duration interval) {
        SteadyTraffic traffic = new SteadyTraffic(fixture, passes, interval);
        traffic.thread.start();
        return traffic;
    }

    private void publish() {
        try (KafkaProducer<byte[], byte[]> producer = SampleProducer.open(fixture.bootstrapServers())) {
            for (int n = 0; running.get(); n++) {
                String passId = "steady-" + n % passes;
                int seq = n / passes + 1;
                producer.send(new ProducerRecord<>(fixture.inputTopic, passId.getBytes(StandardCharsets.UTF_8),
                        SampleEvents.event(passId, seq))).get(30, TimeUnit.SECONDS);
                synchronized (this) {
                    published.add(SampleEvents.eventId(passId, seq));
                    perPass.put(passId, seq);
                }
                lastPublishNanos = System.nanoTime();
                long next = System.nanoTime() + interval.toNanos();
                Await.until(interval.multipliedBy(10), "the next publishing slot",
                        () -> System.nanoTime() >= next || !running.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("steady traffic failed", e);
        }
    }

    /** Waits until {@code nanos} (System.nanoTime) has passed; returns the events published by then. */
    List<String> awaitPublishedUntil(long nanos) {
        Await.until(Duration.ofMinutes(5), "publishing reaches the given time", () -> lastPublishNanos >= nanos);
        synchronized (this) {
            return List.copyOf(published);
        }
    }

    synchronized List<String> publishedSoFar() {
        return List.copyOf(published);
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }

    synchronized List<String> eventIds() {
        return List.copyOf(published);
    }

    synchronized Map<String, Integer> perPass() {
        return Map.copyOf(perPass);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

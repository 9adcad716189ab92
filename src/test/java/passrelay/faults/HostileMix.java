package passrelay.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import passrelay.event.ResultRecord;
import passrelay.processes.WorkerProcess;

/**
 * Publishes the valid stream with {@code count} {@link HostileRecords} mixed in at random places, samples
 * the worker's liveness while it works through them, and then judges each hostile record: it must end as
 * a MALFORMED_EVENT dead letter or an F/PARAM_ILLEGAL result, nothing else, and the worker never stops being live.
 */
final class HostileMix implements Scenario.Disturbance {
    private final int count;
    private final Map<String, String> kindByPosition = new HashMap<>();
    private final AtomicLong liveSamples = new AtomicLong();
    private final AtomicLong notLiveSamples = new AtomicLong();
    private final AtomicBoolean sampling = new AtomicBoolean();
    private final List<String> notLive = java.util.Collections.synchronizedList(new ArrayList<>());
    private Thread sampler;

    HostileMix(int count) {
        this.count = count;
    }

    @Override
    public String during(Rig rig, PassStream stream) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        stream.interleaved().forEach(event -> records.add(new ProducerRecord<>(rig.inputTopic(),
                event.passId().getBytes(StandardCharsets.UTF_8), event.value())));
        HostileRecords hostile = new HostileRecords(17, rig.inputTopic());
        Random places = new Random(23);
        List<Integer> hostileIndexes = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int at = places.nextInt(records.size() + 1);
            records.add(at, hostile.record(n));
            hostileIndexes.replaceAll(index -> index >= at ? index + 1 : index);
            hostileIndexes.add(at);
        }
        startSampling(rig.workers().get(0));
        List<RecordMetadata> landed = rig.publish(records);
        for (int n = 0; n < hostileIndexes.size(); n++) {
            RecordMetadata where = landed.get(hostileIndexes.get(n));
            kindByPosition.put(where.partition() + "@" + where.offset(), HostileRecords.KINDS.get(n
                    % HostileRecords.KINDS.size()));
        }
        return count + " hostile records mixed in";
    }

    private void startSampling(WorkerProcess worker) {
        sampling.set(true);
        sampler = new Thread(() -> {
            while (sampling.get()) {
                int status = passrelay.testing.PassrelayJar.status(worker.httpPort(), "/health/live");
                (status == 200 ? liveSamples : notLiveSamples).incrementAndGet();
                if (status != 200) {
                    notLive.add(status + " at " + java.time.Instant.now());
                }
                java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
            }
        }, "liveness-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    Set<String> positions() {
        return kindByPosition.keySet();
    }

    /** Each hostile record's ending; adds the counts to the verdict's note through its failures. */
    void stopSampling() throws InterruptedException {
        sampling.set(false);
        sampler.join(5_000);
    }

    void judge(OutcomeLog outcomes, Verdict verdict) {
        Map<String, String> endings = new HashMap<>();
        outcomes.deadLetters().forEach(dead -> endings.merge(dead.originalPartition() + "@" + dead.originalOffset(),
                "DLT " + dead.reason(), (a, b) -> a + ", " + b));
        for (ResultRecord result : outcomes.results()) {
            endings.merge(result.source().partition() + "@" + result.source().offset(),
                    result.resultStatus() + "/" + result.resultCode(), (a, b) -> a + ", " + b);
        }
        List<String> wrong = new ArrayList<>();
        kindByPosition.forEach((position, kind) -> {
            String ending = endings.getOrDefault(position, "nothing");
            if (!ending.equals("DLT MALFORMED_EVENT") && !ending.startsWith("F/PARAM_ILLEGAL")) {
                wrong.add(kind + " at " + position + " ended " + ending);
            }
        });
        verdict.fail("hostile records not ending as a MALFORMED_EVENT dead letter or F/PARAM_ILLEGAL", wrong);
        if (notLiveSamples.get() > 0) {
            verdict.fail("liveness samples that were not 200 (of " + (liveSamples.get() + notLiveSamples.get())
                    + ")", List.copyOf(notLive));
        }
        long malformed = kindByPosition.keySet().stream().filter(p -> endings.getOrDefault(p, "")
                .equals("DLT MALFORMED_EVENT")).count();
        summary = malformed + " MALFORMED_EVENT + " + (kindByPosition.size() - malformed - wrong.size())
                + " F/PARAM_ILLEGAL; live in " + liveSamples.get() + "/" + (liveSamples.get() + notLiveSamples.get())
                + " samples";
    }

    private String summary = "";

    String summary() {
        return summary;
    }
}

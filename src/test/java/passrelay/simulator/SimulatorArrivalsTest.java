package passrelay.simulator;

import passrelay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static passrelay.simulator.Simulators.request;
import static passrelay.simulator.Updates.update;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorArrivalsTest {
    private final Simulator simulator = Simulator.start(Simulators.rsa().build());

    @AfterEach
    void close() {
        simulator.close();
    }

    private static ObjectNode numbered(String passId, int testSequence) {
        ObjectNode update = update(passId, "UPDATE").put("testSequence", testSequence);
        ((ObjectNode) update.get("dataInfo")).put("note", "passed through " + testSequence);
        return update;
    }

    @Test
    void shouldRecordEachPassesUpdatesInTheOrderTheyArrived() {
        int passes = 8;
        int perPass = 25;
        List<CompletableFuture<?>> chains = new ArrayList<>();
        for (int p = 0; p < passes; p++) {
            String passId = "pass-" + p;
            CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
            for (int i = 0; i < perPass; i++) {
                int testSequence = i;
                chain = chain.thenCompose(ignored -> request(simulator, numbered(passId, testSequence)).sendAsync());
            }
            chains.add(chain);
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).join();

        for (int p = 0; p < passes; p++) {
            List<Arrival> arrivals = simulator.arrivals("pass-" + p);
            assertThat(arrivals).extracting(arrival -> arrival.update().get("testSequence").asInt())
                    .containsExactlyElementsOf(IntStream.range(0, perPass).boxed().toList());
            assertThat(arrivals).extracting(Arrival::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(arrivals.get(3).update()).isEqualTo(numbered("pass-" + p, 3));
        }
        assertThat(simulator.allArrivals()).hasSize(passes * perPass)
                .extracting(Arrival::sequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldRecordWhatWasAnswered() {
        request(simulator, update("pass-1", "USED")).send();
        request(simulator, update("pass-1", "USED")).send();

        assertThat(simulator.arrivals("pass-1")).extracting(Arrival::status, Arrival::httpStatus,
                        arrival -> arrival.resultCode().orElseThrow(), Arrival::applied)
                .containsExactly(
                        tuple("USED", 200, "SUCCESS", true),
                        tuple("USED", 200, "PASS_USED_OCCUPIED", false));
    }

    @Test
    void shouldKeepHundredsOfRequestsWaitingOutTheLatencyAtOnce() {
        int requests = 300;
        long latencyMs = 4_000;
        simulator.faults().latencyMs(latencyMs);

        List<HttpRequest> signed = IntStream.range(0, requests)
                .mapToObj(i -> request(simulator, update("pass-" + i, "UPDATE")).build())
                .toList();
        List<CompletableFuture<RawResponse>> responses = signed.stream().map(RawRequest::sendAsync).toList();
        Await.until(Duration.ofSeconds(30), "every request has arrived",
                () -> simulator.allArrivals().size() == requests);
        long answeredWhenAllHadArrived = responses.stream().filter(CompletableFuture::isDone).count();
        List<RawResponse> answered = responses.stream().map(CompletableFuture::join).toList();

        assertThat(answeredWhenAllHadArrived).as("answers before all %d were waiting", requests).isZero();
        assertThat(answered).allSatisfy(response -> {
            assertThat(response.resultStatus()).isEqualTo("S");
            assertThat(response.elapsedMillis()).isGreaterThanOrEqualTo(latencyMs);
        });
    }

    @Test
    void shouldForgetArrivalsAndPassesOnReset() {
        request(simulator, update("pass-1", "USED")).send();

        simulator.reset();

        assertThat(simulator.allArrivals()).isEmpty();
        assertThat(request(simulator, update("pass-1", "USED")).send().resultStatus()).isEqualTo("S");
        assertThat(simulator.arrivals("pass-1")).extracting(Arrival::sequence).containsExactly(1L);
    }

    @Test
    void shouldCountButNotKeepArrivalsBeyondTheCapacity() {
        try (Simulator small = Simulator.start(Simulators.rsa().arrivalCapacity(2).build())) {
            for (int i = 0; i < 3; i++) {
                request(small, update("pass-1", "UPDATE")).send();
            }

            assertThat(small.arrivals("pass-1")).hasSize(2);
            assertThat(small.arrivalsDropped()).isEqualTo(1);
        }
    }
}

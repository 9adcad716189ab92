package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.event.DeadLetter;
import passrelay.event.ResultRecord;
import passrelay.simulator.Arrival;
import passrelay.simulator.Simulator;

/** The guarantees of SPEC section 1, asserted over what a run left in the topics and the simulator. */
final class ProcessingGuarantees {
    private ProcessingGuarantees() {
    }

    /** Every event has exactly one results record (or, with {@code resendsAllowed}, at least one). */
    static Map<String, ResultRecord> assertOneOutcomePerEvent(List<String> eventIds, List<ResultRecord> results,
                                                              boolean resendsAllowed) {
        Map<String, List<ResultRecord>> byEvent = results.stream()
                .collect(Collectors.groupingBy(ResultRecord::eventId));
        assertThat(byEvent.keySet()).as("events with a results record").containsExactlyInAnyOrderElementsOf(eventIds);
        if (!resendsAllowed) {
            List<String> duplicated = byEvent.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey).toList();
            assertThat(duplicated).as("events with more than one results record").isEmpty();
        }
        Map<String, ResultRecord> last = new HashMap<>();
        byEvent.forEach((id, records) -> last.put(id, records.get(records.size() - 1)));
        return last;
    }

    /** Every U outcome has its original record in the dead-letter topic, and nothing else is there. */
    static void assertUnknownOutcomesAreDeadLettered(Map<String, ResultRecord> outcomes,
                                                     List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        List<String> unknown = outcomes.values().stream().filter(r -> r.resultStatus().equals("U"))
                .map(ResultRecord::eventId).toList();
        List<String> dead = deadLetters.stream()
                .map(r -> RelayFixture.header(r, DeadLetter.EVENT_ID).orElse("(none)")).distinct().toList();
        assertThat(dead).as("dead-lettered events").containsExactlyInAnyOrderElementsOf(unknown);
    }

    /**
     * Per pass, the simulator received updates in published order ({@code update.seq} 1..n), each
     * one only after the previous had its final outcome: retries repeat a seq, never skip ahead.
     * With {@code resendsAllowed} (a worker died), a seq may come again later, but never ahead of order.
     */
    static void assertOrderPerPass(Simulator simulator, Map<String, Integer> eventsPerPass, boolean resendsAllowed) {
        List<String> violations = new ArrayList<>();
        eventsPerPass.forEach((passId, count) -> {
            List<Integer> seqs = simulator.arrivals(passId).stream().map(ProcessingGuarantees::seq).toList();
            int highest = 0;
            for (int seq : seqs) {
                boolean inOrder = resendsAllowed ? seq <= highest + 1 : seq == highest || seq == highest + 1;
                if (!inOrder) {
                    violations.add(passId + " received " + seqs);
                    break;
                }
                highest = Math.max(highest, seq);
            }
            if (highest != count) {
                violations.add(passId + " received up to seq " + highest + " of " + count + ": " + seqs);
            }
        });
        assertThat(violations).as("passes whose updates arrived out of order").isEmpty();
    }

    private static int seq(Arrival arrival) {
        return arrival.update().path("seq").asInt(-1);
    }
}

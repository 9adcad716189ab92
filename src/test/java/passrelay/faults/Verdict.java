package passrelay.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import passrelay.event.ResultRecord;
import passrelay.simulator.Arrival;
import passrelay.simulator.ForgeKind;

/**
 * Judges one run by the guarantees of issue 9 over what it left behind: every event has an outcome, the last
 * one per eventId is the right one, none contradicts another, every U is dead-lettered and nothing else is
 * (an outage puts nothing there), per-pass order at the simulator apart from re-sends, no overlapping
 * calls, no outcome from a forged answer. It also counts re-sent calls and duplicate results.
 */
final class Verdict {
    private static final int EXAMPLES = 5;

    private final PassStream stream;
    private final OutcomeLog outcomes;
    private final List<Arrival> arrivals;
    private final boolean resendsAllowed;
    private final List<String> failures = new ArrayList<>();

    /** @param resendsAllowed a worker died or lost partitions: a pass may go back to an event it had already sent */
    Verdict(PassStream stream, OutcomeLog outcomes, List<Arrival> arrivals, boolean resendsAllowed) {
        this.stream = stream;
        this.outcomes = outcomes;
        this.arrivals = arrivals;
        this.resendsAllowed = resendsAllowed;
    }

    void fail(String guarantee, List<String> examples) {
        if (!examples.isEmpty()) {
            failures.add(guarantee + ": " + examples.size() + ", e.g. " + examples.subList(0, Math.min(EXAMPLES,
                    examples.size())));
        }
    }

    /** Every planned event's outcomes; returns the number of events with both an S and an F. */
    long checkOutcomes() {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> contradicting = new ArrayList<>();
        List<String> forged = new ArrayList<>();
        for (PlannedEvent event : stream.events()) {
            List<ResultRecord> results = outcomes.resultsOf(event.eventId());
            if (results.isEmpty()) {
                missing.add(event.eventId());
                continue;
            }
            ResultRecord last = results.get(results.size() - 1);
            boolean right = last.resultStatus().equals(event.expected())
                    && (event.expectedCode().isEmpty() || event.expectedCode().equals(last.resultCode()));
            if (!right) {
                wrong.add(event.eventId() + " (" + event.status() + ") ended " + last.resultStatus() + "/"
                        + last.resultCode() + ", expected " + event.expected() + " " + event.expectedCode());
            }
            Set<String> statuses = results.stream().map(ResultRecord::resultStatus).collect(Collectors.toSet());
            if (statuses.contains("S") && statuses.contains("F")) {
                contradicting.add(event.eventId() + " " + results.stream()
                        .map(r -> r.resultStatus() + "/" + r.resultCode()).toList());
            }
            results.stream().filter(r -> !r.resultStatus().equals("U"))
                    .filter(r -> r.tracerId().orElse("").startsWith(ForgeKind.TRACER_PREFIX))
                    .forEach(r -> forged.add(event.eventId() + " " + r.resultStatus() + " " + r.tracerId().get()));
        }
        fail("events without any outcome", missing);
        fail("events whose last outcome is wrong", wrong);
        fail("contradicting outcomes (S and F for one eventId)", contradicting);
        fail("S or F outcomes taken from a forged answer", forged);
        return contradicting.size();
    }

    /** Every U is dead-lettered as UNKNOWN_RESULT; any other dead letter must be in {@code alsoExpected}. */
    void checkDeadLetters(Set<String> alsoExpectedPositions) {
        Set<String> sick = stream.events().stream().filter(e -> e.expected().equals("U"))
                .map(PlannedEvent::eventId).collect(Collectors.toSet());
        Set<String> deadLettered = new HashSet<>();
        List<String> unexpected = new ArrayList<>();
        for (OutcomeLog.DeadLetterSeen dead : outcomes.deadLetters()) {
            String id = dead.eventId().orElse("");
            if (dead.reason().equals("UNKNOWN_RESULT") && sick.contains(id)) {
                deadLettered.add(id);
            } else if (!alsoExpectedPositions.contains(dead.originalPartition() + "@" + dead.originalOffset())) {
                unexpected.add(dead.reason() + " " + id + " from " + dead.originalPartition() + "@"
                        + dead.originalOffset());
            }
        }
        fail("dead letters that should not be there (e.g. from an outage)", unexpected);
        fail("sick events without a dead letter", sick.stream().filter(id -> !deadLettered.contains(id)).toList());
    }

    /** Per pass, calls in published order; returns the violations. Re-sends (going back) only when allowed. */
    long checkOrder() {
        Map<String, List<Arrival>> byPass = arrivals.stream().collect(Collectors.groupingBy(Arrival::passId));
        List<String> violations = new ArrayList<>();
        stream.byPass().forEach((passId, events) -> {
            List<Integer> called = events.stream().filter(e -> !e.invalid()).map(PlannedEvent::seq).toList();
            Set<Integer> seen = new HashSet<>();
            int highest = 0;
            for (Arrival arrival : byPass.getOrDefault(passId, List.of())) {
                int seq = arrival.update().path("seq").asInt(-1);
                boolean skipsAhead = called.stream().anyMatch(earlier -> earlier < seq && !seen.contains(earlier));
                boolean goesBack = seq < highest && !resendsAllowed;
                if (skipsAhead || goesBack || !called.contains(seq)) {
                    violations.add(passId + " seq " + seq + (skipsAhead ? " before an earlier event" : " after "
                            + highest));
                }
                seen.add(seq);
                highest = Math.max(highest, seq);
            }
        });
        fail("calls out of per-pass order", violations);
        return violations.size();
    }

    /** Every S outcome stands on a genuine S answer at the simulator. */
    void checkSuccessesHappened() {
        Set<String> genuineS = arrivals.stream()
                .filter(a -> a.fault().isEmpty() && a.resultStatus().orElse("").equals("S"))
                .map(a -> eventRef(a.update())).collect(Collectors.toSet());
        List<String> unbacked = stream.events().stream().filter(e -> e.expected().equals("S"))
                .map(PlannedEvent::eventId).filter(id -> !genuineS.contains(id)).toList();
        fail("S events never answered S by the simulator", unbacked);
    }

    /** Calls of an event after its first genuine final (S or F) answer at the simulator. */
    long resentCalls() {
        Set<String> settled = new HashSet<>();
        long resent = 0;
        for (Arrival arrival : arrivals) {
            String ref = eventRef(arrival.update());
            if (settled.contains(ref)) {
                resent++;
            }
            String status = arrival.resultStatus().orElse("");
            if (arrival.fault().isEmpty() && (status.equals("S") || status.equals("F"))) {
                settled.add(ref);
            }
        }
        return resent;
    }

    void checkNoOverlaps(long overlaps, List<String> passes) {
        if (overlaps > 0) {
            failures.add("overlapping calls of one pass: " + overlaps + " on " + passes);
        }
    }

    long duplicates() {
        return outcomes.results().size() - outcomes.eventsWithResults();
    }

    /** All checks that every scenario makes; the scenario adds its own through {@link #fail}. */
    Figures figures(String scenario, String worker, long events, long overlaps, List<String> overlapping,
                    Duration wallTime, String note, Set<String> otherDeadLetterPositions) {
        long contradicting = checkOutcomes();
        checkDeadLetters(otherDeadLetterPositions);
        long order = checkOrder();
        checkSuccessesHappened();
        checkNoOverlaps(overlaps, overlapping);
        return new Figures(scenario, worker, events, outcomes.results().size(), resentCalls(), duplicates(),
                contradicting, order, overlaps, outcomes.deadLetters().size(), wallTime, note, List.copyOf(failures));
    }

    static String eventRef(JsonNode update) {
        return update.path("eventRef").asText("");
    }
}

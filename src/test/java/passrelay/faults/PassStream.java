package passrelay.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import passrelay.demo.SampleEvents;
import passrelay.simulator.SickPasses;

/**
 * The traffic of a fault run, designed so that every event's right outcome is known in advance: per pass,
 * UPDATEs, then a USED (and, for every other pass, a CLOSED after it); one UPDATE of every twentieth pass
 * lacks its dataInfo (invalid: F PARAM_ILLEGAL, never called); a stable share of passes is sick at the
 * simulator (U forever: U and a dead letter). Every update carries {@code eventRef}, its eventId, which passes
 * through to the simulator so that each call can be traced to its event.
 */
final class PassStream {
    static final double SICK_SHARE = 0.03;
    private static final int INVALID_SEQ = 4;

    private final List<PlannedEvent> events;
    private final Map<String, List<PlannedEvent>> byPass;

    private PassStream(List<PlannedEvent> events) {
        this.events = List.copyOf(events);
        Map<String, List<PlannedEvent>> grouped = new LinkedHashMap<>();
        events.forEach(event -> grouped.computeIfAbsent(event.passId(), id -> new ArrayList<>()).add(event));
        this.byPass = grouped;
    }

    /** {@code passes} passes of {@code eventsPerPass} events (at least 3), pass ids prefixed by {@code tag}. */
    static PassStream plan(String tag, int passes, int eventsPerPass) {
        List<PlannedEvent> events = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            String passId = tag + "-pass-" + pass;
            boolean closes = pass % 2 == 0;
            boolean sick = SickPasses.chosen(passId, SICK_SHARE);
            for (int seq = 1; seq <= eventsPerPass; seq++) {
                String status = seq == eventsPerPass && closes ? "CLOSED"
                        : seq == eventsPerPass - (closes ? 1 : 0) ? "USED" : "UPDATE";
                boolean invalid = pass % 20 == 7 && seq == INVALID_SEQ && status.equals("UPDATE");
                events.add(event(passId, seq, status, invalid, sick));
            }
        }
        return new PassStream(events);
    }

    private static PlannedEvent event(String passId, int seq, String status, boolean invalid, boolean sick) {
        String eventId = SampleEvents.eventId(passId, seq);
        ObjectNode update = status.equals("UPDATE") ? SampleEvents.update(passId, seq)
                : SampleEvents.statusChange(passId, status, seq);
        update.put("eventRef", eventId);
        if (invalid) {
            update.remove("dataInfo");
        }
        String expected = invalid ? "F" : sick ? "U" : "S";
        return new PlannedEvent(passId, seq, eventId, status, SampleEvents.event(eventId, update), expected,
                invalid ? "PARAM_ILLEGAL" : "");
    }

    List<PlannedEvent> events() {
        return events;
    }

    Map<String, List<PlannedEvent>> byPass() {
        return byPass;
    }

    /** The events in publishing order, interleaved across passes: round by round, every pass's next event. */
    List<PlannedEvent> interleaved() {
        List<PlannedEvent> order = new ArrayList<>();
        int rounds = byPass.values().stream().mapToInt(List::size).max().orElse(0);
        for (int round = 0; round < rounds; round++) {
            for (List<PlannedEvent> pass : byPass.values()) {
                if (round < pass.size()) {
                    order.add(pass.get(round));
                }
            }
        }
        return order;
    }

    long count(String expected) {
        return events.stream().filter(event -> event.expected().equals(expected)).count();
    }
}

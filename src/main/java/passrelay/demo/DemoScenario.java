package passrelay.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import passrelay.simulator.ScriptedResponse;
import passrelay.simulator.Simulator;

/** The demo's sample events, each with the outcome it should come to. */
final class DemoScenario {
    static final String ORDERED_PASS = "demo-movie-1";
    static final int RETRY_ATTEMPTS = 3;

    /** One published record: its key, value, what it shows, and the outcome expected (or DLT only). */
    record Sample(String key, byte[] value, String eventId, String shows, String expectedStatus,
                  String expectedCode, boolean expectDeadLetter) {
    }

    private DemoScenario() {
    }

    static List<Sample> samples() {
        return List.of(
                update(ORDERED_PASS, 1, "S, and per-pass order (1 of 3)"),
                update(ORDERED_PASS, 2, "per-pass order (2 of 3)"),
                status(ORDERED_PASS, "USED", 3, "S", "SUCCESS", false, "per-pass order (3 of 3)"),
                status("demo-train-2", "USED", 1, "S", "SUCCESS", false, "ticket used"),
                status("demo-train-2", "USED", 2, "F", "PASS_USED_OCCUPIED", false, "F: used twice"),
                new Sample("demo-bus-3", SampleEvents.event("demo-bus-3#1",
                        SampleEvents.statusChange("demo-bus-3", "UPDATE", 1)), "demo-bus-3#1",
                        "invalid: UPDATE without updateDetailType", "F", "PARAM_ILLEGAL", false),
                status("demo-air-4", "USED", 1, "S", "SUCCESS", false, "U then S: one U, retried"),
                status("demo-ship-5", "USED", 1, "U", "UNKNOWN_EXCEPTION", true, "U to DLT: U on every try"),
                status("demo-train-6", "USED", 1, "S", "PASS_USED_OCCUPIED", false,
                        "reconciled: a U that took effect"),
                status("demo-movie-7", "CLOSED", 1, "S", "SUCCESS", false, "pass closed"),
                new Sample("demo-movie-7", SampleEvents.event("demo-movie-7", 2), "demo-movie-7#2",
                        "F: update after CLOSED", "F", "PASS_STATUS_ILLEGAL", false),
                new Sample("demo-x", "{not json".getBytes(StandardCharsets.UTF_8), null,
                        "malformed: not JSON", null, "MALFORMED_EVENT", true));
    }

    /** Scripts the simulator for the samples that need AlipayHK to misbehave. */
    static void script(Simulator simulator) {
        simulator.script("demo-air-4", ScriptedResponse.answer("U", "UNKNOWN_EXCEPTION", "try again"));
        for (int i = 0; i < RETRY_ATTEMPTS; i++) {
            simulator.script("demo-ship-5", ScriptedResponse.answer("U", "UNKNOWN_EXCEPTION", "still unknown"));
        }
        simulator.script("demo-train-6", ScriptedResponse.appliedThenAnswer("U", "UNKNOWN_EXCEPTION", "lost answer"));
    }

    private static Sample update(String passId, int seq, String shows) {
        return new Sample(passId, SampleEvents.event(passId, seq), SampleEvents.eventId(passId, seq), shows, "S",
                "SUCCESS", false);
    }

    private static Sample status(String passId, String status, int seq, String expectedStatus, String expectedCode,
                                 boolean dlt, String shows) {
        String eventId = SampleEvents.eventId(passId, seq);
        return new Sample(passId, SampleEvents.event(eventId, SampleEvents.statusChange(passId, status, seq)), eventId,
                shows, expectedStatus, expectedCode, dlt);
    }
}

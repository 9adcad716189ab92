package passrelay.faults;

import java.time.Duration;
import java.util.List;

/**
 * What one scenario measured, and which of its guarantees failed (none, when it passed).
 *
 * @param events         input records published (valid events, plus hostile records where there are some)
 * @param outcomes       results records published
 * @param resentCalls    calls of an event after that event had already had a final S/F answer at the simulator
 * @param duplicates     results records beyond the first per eventId
 * @param contradicting  events with both an S and an F result
 * @param orderViolations calls of a pass out of its published order, re-sends aside
 * @param overlaps       requests of a pass that arrived while another of it was unanswered
 * @param deadLetters    dead-letter records
 * @param note           what else the scenario counted (hostile endings, forged answers, kills)
 */
record Figures(String scenario, String worker, long events, long outcomes, long resentCalls, long duplicates,
               long contradicting, long orderViolations, long overlaps, long deadLetters, Duration wallTime,
               String note, List<String> failures) {

    static final String HEADER = String.format("%-14s %-8s %7s %8s %7s %6s %7s %6s %8s %5s %8s  %s", "scenario",
            "worker", "events", "outcomes", "re-sent", "dup", "contra", "order", "overlaps", "DLT", "wall", "notes");

    boolean passed() {
        return failures.isEmpty();
    }

    String row() {
        return String.format("%-14s %-8s %7d %8d %7d %6d %7d %6d %8d %5d %7.1fs  %s", scenario, worker, events,
                outcomes, resentCalls, duplicates, contradicting, orderViolations, overlaps, deadLetters,
                wallTime.toMillis() / 1000.0, note);
    }

    /** The README's table row (Markdown). */
    String markdown() {
        return String.format("| %s | %s | %,d | %,d | %,d | %,d | %d | %d | %d | %,d | %.1f s | %s |", scenario,
                worker, events, outcomes, resentCalls, duplicates, contradicting, orderViolations, overlaps,
                deadLetters, wallTime.toMillis() / 1000.0, note);
    }
}

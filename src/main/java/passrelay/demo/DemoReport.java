package passrelay.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import passrelay.event.DeadLetter;
import passrelay.event.ResultRecord;
import passrelay.simulator.Arrival;

/** Prints the demo's table: each sample, what it shows, what came out, and whether that was expected. */
final class DemoReport {
    private static final String ROW = "%-15s %-43s %-3s %-20s %-8s %-16s %s%n";
    private final PrintStream out;

    DemoReport(PrintStream out) {
        this.out = out;
    }

    /** True when every sample came out as expected. */
    boolean print(List<DemoScenario.Sample> samples, DemoCommand.Outcomes outcomes, List<Arrival> orderedArrivals) {
        out.println();
        out.printf(ROW, "event", "shows", "out", "code", "attempts", "dead letter", "");
        out.printf(ROW, "-----", "-----", "---", "----", "--------", "-----------", "");
        boolean allExpected = true;
        for (DemoScenario.Sample sample : samples) {
            allExpected &= row(sample, outcomes);
        }
        out.println("(S* = reconciled: a retry found that the earlier, unanswered attempt had taken effect)");
        out.println();
        String order = orderedArrivals.stream().map(arrival -> arrival.status() + "#" + arrival.update().path("seq"))
                .collect(Collectors.joining(" -> "));
        out.println("AlipayHK received " + DemoScenario.ORDERED_PASS + "'s updates in this order: " + order);
        boolean ordered = orderedArrivals.stream().map(a -> a.update().path("seq").asInt()).toList()
                .equals(List.of(1, 2, 3));
        out.println(ordered ? "  = the published order" : "  DIFFERS from the published order 1 -> 2 -> 3");
        out.println();
        return allExpected && ordered;
    }

    private boolean row(DemoScenario.Sample sample, DemoCommand.Outcomes outcomes) {
        ResultRecord result = sample.eventId() == null ? null : outcomes.results().get(sample.eventId());
        var deadLetter = outcomes.deadLetterOf(sample.eventId());
        String dead = deadLetter.map(record -> header(record, DeadLetter.REASON)).orElse("-");
        String status = result == null ? "-" : result.resultStatus() + (result.reconciled() ? "*" : "");
        String code = result == null ? (sample.expectDeadLetter() ? header(deadLetter.orElse(null), DeadLetter.REASON)
                : "-") : result.resultCode();
        boolean expected = sample.expectDeadLetter() == deadLetter.isPresent()
                && (sample.expectedStatus() == null ? result == null
                : result != null && sample.expectedStatus().equals(result.resultStatus())
                && Objects.equals(sample.expectedCode(), result.resultCode()));
        out.printf(ROW, sample.eventId() == null ? "(" + sample.key() + ")" : sample.eventId(), sample.shows(), status,
                code, result == null ? "-" : String.valueOf(result.attempts()), dead, expected ? "ok" : "UNEXPECTED");
        return expected;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        if (record == null || record.headers().lastHeader(name) == null) {
            return "-";
        }
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

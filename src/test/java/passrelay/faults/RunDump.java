package passrelay.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import passrelay.event.ResultRecord;
import passrelay.simulator.Arrival;

/** What a run left, as two tab-separated files beside its logs, for a look after the fact. */
final class RunDump {
    private RunDump() {
    }

    static void write(Path prefix, List<Arrival> arrivals, OutcomeLog outcomes) {
        try {
            Files.write(Path.of(prefix + "-arrivals.tsv"), arrivals.stream().map(a -> String.join("\t",
                    String.valueOf(a.sequence()), a.passId(), Verdict.eventRef(a.update()), a.status(),
                    String.valueOf(a.httpStatus()), a.resultStatus().orElse("-"), a.resultCode().orElse("-"),
                    a.fault().map(Enum::name).orElse("-"))).collect(Collectors.toList()));
            Files.write(Path.of(prefix + "-results.tsv"), outcomes.results().stream().map(RunDump::line)
                    .collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(ResultRecord r) {
        String eventId = r.eventId().length() > 80 ? r.eventId().substring(0, 80) + "..." : r.eventId();
        return String.join("\t", eventId, r.resultStatus(), r.resultCode(), String.valueOf(r.attempts()),
                String.valueOf(r.reconciled()), r.source().partition() + "@" + r.source().offset(),
                r.tracerId().orElse("-"), r.receivedAt().toString(), r.completedAt().toString());
    }
}

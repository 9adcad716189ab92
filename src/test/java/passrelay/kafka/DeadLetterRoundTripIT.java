package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.SampleEvents;
import passrelay.event.ResultRecord;
import passrelay.simulator.ScriptedResponse;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

/** The operator's loop: an event dead-lettered as unknown is replayed once AlipayHK is healthy, and succeeds. */
@ExtendWith(KafkaBroker.class)
class DeadLetterRoundTripIT {

    @Test
    void shouldSucceedWhenADeadLetteredEventIsReplayed(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "dlt-round-trip", 2, sim -> { })) {
            fixture.set("PASSRELAY_RETRY_MAX_ATTEMPTS", "2");
            fixture.simulator().script("unlucky", ScriptedResponse.answer("U", "UNKNOWN_EXCEPTION", "lost"),
                    ScriptedResponse.answer("U", "SYSTEM_ERROR", "lost again"));
            fixture.produce("unlucky", SampleEvents.event("unlucky", 1));
            fixture.flush();
            fixture.startWorker();
            Await.until(Duration.ofSeconds(60), "the event is dead-lettered", () -> fixture.deadLetters().size() == 1);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = passrelay.ReplayCommand.run(new String[] {"--reason", "UNKNOWN_RESULT"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err, fixture.environment());

            assertThat(code).as("replay output: %s", out).isZero();
            List<ResultRecord> results = Await.until(Duration.ofSeconds(60), fixture::results, r -> r.size() == 2);
            assertThat(results).extracting(ResultRecord::eventId).containsOnly("unlucky#1");
            assertThat(results).extracting(ResultRecord::resultStatus).containsExactly("U", "S");
            assertThat(fixture.simulator().arrivals("unlucky")).hasSize(3);
        }
    }
}

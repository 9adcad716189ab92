package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.SampleEvents;
import passrelay.event.DeadLetter;
import passrelay.event.ResultRecord;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

@ExtendWith(KafkaBroker.class)
class BadInputIT {

    @Test
    void shouldDeadLetterOrFailBadRecordsAndKeepRunning(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "bad-input", 1, sim -> { })) {
            byte[] huge = new byte[1024 * 1024];
            Arrays.fill(huge, (byte) 'x');
            fixture.produce("k1", "not json at all".getBytes(StandardCharsets.UTF_8));
            fixture.produce("k2", new byte[0]);
            fixture.produce(null, "{\"eventId\":\"no-update\"}".getBytes(StandardCharsets.UTF_8));
            fixture.produce("k4", new byte[] {(byte) 0xC3, (byte) 0x28, 0, 1, 2, (byte) 0xFF});
            fixture.produce("k5", huge);
            fixture.produce("k6", null);
            fixture.produce("pass-invalid", SampleEvents.event("pass-invalid#1",
                    SampleEvents.statusChange("pass-invalid", "UPDATE", 1)));
            fixture.produce(null, SampleEvents.event("pass-null-key", 1));
            fixture.produce("pass-after", SampleEvents.event("pass-after", 1));
            fixture.flush();
            fixture.startWorker();

            List<ResultRecord> results = Await.until(Duration.ofSeconds(60), fixture::results, r -> r.size() >= 3);
            List<ConsumerRecord<byte[], byte[]>> dead = Await.until(Duration.ofSeconds(30), fixture::deadLetters,
                    d -> d.size() >= 6);

            Map<String, ResultRecord> byEvent = results.stream()
                    .collect(Collectors.toMap(ResultRecord::eventId, r -> r));
            assertThat(byEvent.get("pass-invalid#1").resultCode()).isEqualTo("PARAM_ILLEGAL");
            assertThat(byEvent.get("pass-invalid#1").resultMessage()).contains("updateDetailType");
            assertThat(byEvent.get("pass-invalid#1").attempts()).isZero();
            assertThat(byEvent.get("pass-null-key#1").resultStatus()).isEqualTo("S");
            assertThat(fixture.meters.get("passrelay.key.mismatch").counter().count())
                    .as("records whose key is not their passId").isEqualTo(1.0);
            assertThat(byEvent.get("pass-after#1").resultStatus()).as("a good event after the bad ones").isEqualTo("S");
            assertThat(dead).hasSize(6).allSatisfy(record -> assertThat(RelayFixture.header(record, DeadLetter.REASON))
                    .contains("MALFORMED_EVENT"));
            assertThat(dead).extracting(record -> RelayFixture.header(record, DeadLetter.ORIGINAL_OFFSET).orElseThrow())
                    .containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5");
            assertThat(dead.stream().filter(r -> r.value() != null && r.value().length == huge.length))
                    .as("the 1 MB record, dead-lettered with its original bytes").hasSize(1);
            Await.until(Duration.ofSeconds(30), "all nine offsets committed",
                    () -> fixture.committedOffsets().values().stream().anyMatch(offset -> offset == 9L));
        }
    }
}

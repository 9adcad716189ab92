package passrelay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

/**
 * Static membership ({@code KAFKA_GROUP_INSTANCE_ID}, the pod's name on Kubernetes): a static member that
 * closes keeps its place in the group until its session times out, unless it asks to leave. A drained worker
 * is a pod going away, whose replacement has another name, so it must leave at once.
 */
@ExtendWith(KafkaBroker.class)
class StaticMembershipIT {
    private static final Duration SESSION = Duration.ofSeconds(30);
    private static final String POD = "passrelay-6b9f7c-x2kq4";

    @Test
    void shouldLeaveTheGroupAtOnceWhenAStaticMemberIsDrained(KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "static", 3, sim -> { });
             Admin admin = Admin.create(Map.of("bootstrap.servers", fixture.bootstrapServers()))) {
            fixture.set("KAFKA_GROUP_INSTANCE_ID", POD).set("KAFKA_SESSION_TIMEOUT_MS", String.valueOf(SESSION.toMillis()));
            Worker worker = fixture.startWorker();
            Await.until(SESSION, "the static member holds every partition",
                    () -> group(admin, fixture).members().stream().anyMatch(member -> isPod(member)
                            && member.assignment().topicPartitions().size() == fixture.partitions));

            worker.close();

            // a member that stayed would be listed until its session ran out
            Await.until(SESSION.dividedBy(3), "the drained static member has left the group",
                    () -> group(admin, fixture).members().isEmpty());
            assertThat(worker.failed()).isFalse();
        }
    }

    private static boolean isPod(MemberDescription member) {
        return member.groupInstanceId().filter(POD::equals).isPresent();
    }

    private static ConsumerGroupDescription group(Admin admin, RelayFixture fixture) {
        try {
            return admin.describeConsumerGroups(List.of(fixture.groupId)).all().get(10, TimeUnit.SECONDS)
                    .get(fixture.groupId);
        } catch (Exception e) {
            throw new IllegalStateException("describing group " + fixture.groupId + " failed", e);
        }
    }
}

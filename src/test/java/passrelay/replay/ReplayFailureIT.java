package passrelay.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.replay.DeadLetters.FAILED_AT;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.demo.SampleEvents;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

/** When replay cannot finish: exit 1, a message that says why, and nothing committed that was not published. */
@ExtendWith(KafkaBroker.class)
class ReplayFailureIT {

    @Test
    void shouldExitOneWithinItsTimeoutWhenTheBrokerIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        for (List<String> args : List.of(List.<String>of(), List.of("--include-superseded", "--dry-run"))) {
            ReplayCommandRun run = ReplayCommandRun.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort,
                    "KAFKA_DEFAULT_API_TIMEOUT_MS", "3000", "KAFKA_REQUEST_TIMEOUT_MS", "3000"), args);

            assertThat(run.exit()).as(run.toString()).isEqualTo(1);
            assertThat(run.elapsed()).as("bounded by the 3 s API timeout, not hanging").isLessThan(Duration.ofSeconds(20));
            assertThat(run.err()).contains("passrelay replay: failed: TimeoutException");
        }
    }

    @Test
    void shouldExitOneNamingAMissingTopic(KafkaBroker.Endpoint kafka) throws Exception {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-missing")) {
            world.deadLetter("p1", SampleEvents.event("p1", 1), DeadLetters.unknownResult("TIMEOUT", FAILED_AT));

            ReplayWorld.Run noInput = world.set("PASSRELAY_INPUT_TOPIC", "no-such-input").replay();
            world.set("PASSRELAY_INPUT_TOPIC", world.inputTopic);
            ReplayWorld.Run noResults = world.set("PASSRELAY_RESULTS_TOPIC", "no-such-results").replay();
            world.set("PASSRELAY_RESULTS_TOPIC", world.resultsTopic);
            ReplayWorld.Run noDlt = world.set("PASSRELAY_DLT_TOPIC", "no-such-dlt").replay();

            assertThat(noInput.exit()).isEqualTo(1);
            assertThat(noInput.err()).contains("topic 'no-such-input' does not exist");
            assertThat(noResults.exit()).isEqualTo(1);
            assertThat(noResults.err()).contains("topic 'no-such-results' does not exist");
            assertThat(noDlt.exit()).isEqualTo(1);
            assertThat(noDlt.err()).contains("topic 'no-such-dlt' does not exist");
            assertThat(world.committed()).isEmpty();
            assertThat(world.input()).isEmpty();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", world.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .as("reading does not create topics").doesNotContain("no-such-input", "no-such-results", "no-such-dlt");
            }
        }
    }

    @Test
    void shouldCommitNothingOfABatchWhoseCopyIsRejected(KafkaBroker.Endpoint kafka) throws Exception {
        try (ReplayWorld world = ReplayWorld.create(kafka, "replay-rejected")) {
            limitMessageSize(world, 1024);
            byte[] tooLarge = new byte[8 * 1024];
            new Random(7).nextBytes(tooLarge); // incompressible: the broker sees all of it
            world.deadLetter("p0", SampleEvents.event("p0", 1), DeadLetters.unknownResult("TIMEOUT", FAILED_AT));
            world.deadLetter("p1", tooLarge, DeadLetters.unknownResult("TIMEOUT", FAILED_AT));
            world.deadLetter("p2", SampleEvents.event("p2", 1), DeadLetters.unknownResult("TIMEOUT", FAILED_AT));

            ReplayWorld.Run run = world.replay();

            assertThat(run.exit()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("publishing the replay of " + world.dltTopic + "/0/1 to " + world.inputTopic
                    + " failed", "RecordTooLargeException");
            assertThat(run.out()).contains("stopped by a failure");
            assertThat(world.committed()).as("no offset of a batch with an unacknowledged copy").isEmpty();
        }
    }

    private static void limitMessageSize(ReplayWorld world, int bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, world.inputTopic);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", world.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", String.valueOf(bytes)), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(30), "max.message.bytes applied", () -> {
                try {
                    return admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic)
                            .get("max.message.bytes").value().equals(String.valueOf(bytes));
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    /** {@code passrelay replay} with explicit settings, timed. */
    private record ReplayCommandRun(int exit, String out, String err, Duration elapsed) {
        static ReplayCommandRun of(Map<String, String> env, List<String> args) {
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            long start = System.nanoTime();
            int exit = passrelay.ReplayCommand.run(args.toArray(String[]::new), new java.io.PrintStream(out, true, UTF_8),
                    new java.io.PrintStream(err, true, UTF_8), env);
            return new ReplayCommandRun(exit, out.toString(UTF_8), err.toString(UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }
}

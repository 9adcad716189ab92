package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import passrelay.config.Setting;
import passrelay.config.Settings;
import passrelay.config.SettingsReader;
import passrelay.ops.HealthServer;
import passrelay.ops.Metrics;
import passrelay.ops.Readiness;
import passrelay.replay.ReplayOptions;

/**
 * The Kubernetes manifests (k8s/base and the example overlay, rendered as kustomize would) agree with the
 * code: settings, ports and paths, the replay command line, the drain bound, and the security guarantees.
 */
class KubernetesManifestsTest {
    private static final String BASE = Manifests.BASE;
    private static final String OVERLAY = Manifests.OVERLAY;
    private static final String REPLAY = Manifests.REPLAY;
    /** Read by the JVM and by logback.xml, not by passrelay's settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("JAVA_TOOL_OPTIONS", "PASSRELAY_LOG_LEVEL");
    /** SIGTERM: up to ALIPAYHK_TIMEOUT_MS + 5 s for in-flight work, then up to 20 s to commit and close. */
    private static final int DRAIN_EXTRA_SECONDS = 5;
    private static final int STOP_SECONDS = 20;
    private static final int SECRET_MODE = 0440;

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, REPLAY})
    void shouldUseOnlyDeclaredSettingsAndKnownKafkaClientProperties(String dir) throws Exception {
        Manifests manifests = Manifests.render(dir);
        Set<String> names = new TreeSet<>(manifests.settings().keySet());
        manifests.containers().forEach(container -> container.path("env")
                .forEach(env -> names.add(env.path("name").textValue())));
        Set<String> declared = new HashSet<>();
        Settings.ALL.forEach(setting -> declared.add(setting.name()));

        List<String> unknown = names.stream().filter(name -> !declared.contains(name) && !name.startsWith("KAFKA_")
                && !NOT_SETTINGS.contains(name)).toList();
        Map<String, String> clientProperties = new SettingsReader(Map.copyOf(kafkaOnly(names)))
                .kafkaClientProperties();

        assertThat(unknown).as("env names that are neither settings nor KAFKA_*").isEmpty();
        assertThat(clientProperties.keySet()).as("KAFKA_* names that are no Kafka client property")
                .allMatch(KubernetesManifestsTest::isKafkaClientProperty);
        assertThat(Files.readString(Path.of("src/main/resources/logback.xml"))).contains("${PASSRELAY_LOG_LEVEL");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldGiveOnlyValuesTheSettingsAccept(String dir) {
        Manifests manifests = Manifests.render(dir);
        SettingsReader reader = new SettingsReader(manifests.settings());

        Settings.ALL.stream().filter(setting -> !isFile(setting)).forEach(reader::optional);

        assertThatCode(reader::throwIfProblems).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldPointFileSettingsIntoReadOnlyMounts(String dir) {
        Manifests manifests = Manifests.render(dir);
        JsonNode worker = Manifests.container(manifests.workerPod());
        Map<String, String> settings = manifests.settings();
        List<String> files = new ArrayList<>();
        Settings.ALL.stream().filter(KubernetesManifestsTest::isFile).map(Setting::name)
                .filter(settings::containsKey).forEach(name -> files.add(settings.get(name)));
        if (settings.containsKey("KAFKA_SSL_TRUSTSTORE_LOCATION")) {
            files.add(settings.get("KAFKA_SSL_TRUSTSTORE_LOCATION"));
        }

        assertThat(files).contains(manifests.setting(Settings.ALIPAYHK_PRIVATE_KEY_FILE));
        for (String file : files) {
            assertThat(worker.path("volumeMounts")).as(file).anySatisfy(mount -> {
                assertThat(file).startsWith(mount.path("mountPath").textValue() + "/");
                assertThat(mount.path("readOnly").booleanValue()).isTrue();
                assertThat(Manifests.volume(manifests.workerPod(), mount.path("name").textValue()).has("secret")).isTrue();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldProbeTheHealthServersPathsOnItsPort(String dir) throws Exception {
        Manifests manifests = Manifests.render(dir);
        JsonNode worker = Manifests.container(manifests.workerPod());
        JsonNode port = worker.path("ports").get(0);
        JsonNode podMonitor = manifests.one("PodMonitor").path("spec").path("podMetricsEndpoints").get(0);
        JsonNode service = manifests.one("Service").path("spec").path("ports").get(0);

        assertThat(port.path("name").textValue()).isEqualTo("http");
        assertThat(port.path("containerPort").asText()).isEqualTo(manifests.setting(Settings.HTTP_PORT));
        assertThat(worker.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
        assertThat(worker.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
        assertThat(podMonitor.path("port").textValue()).isEqualTo("http");
        assertThat(service.path("name").textValue()).isEqualTo("http");
        assertThat(service.path("targetPort").asText()).isEqualTo("http");
        try (HealthServer health = HealthServer.start(0, new Readiness(), registry())) {
            // the server answers 503 "starting" before the worker is up: any answer but 404 means the path exists
            assertThat(get(health, worker.at("/livenessProbe/httpGet/path").textValue())).isEqualTo(200);
            assertThat(get(health, worker.at("/readinessProbe/httpGet/path").textValue())).isEqualTo(503);
            assertThat(get(health, podMonitor.path("path").textValue())).isEqualTo(200);
            assertThat(get(health, "/no-such-path")).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldRunAReplayCommandLineThatTheReplayCommandAccepts(String dir) {
        Manifests manifests = Manifests.render(dir);
        JsonNode job = manifests.replayJob();
        List<String> args = new ArrayList<>();
        Manifests.container(manifests.replayPod()).path("args").forEach(arg -> args.add(arg.textValue()));

        assertThat(args).startsWith("replay", "--reason", "UNKNOWN_RESULT");
        ReplayOptions options = ReplayOptions.parse(args.subList(1, args.size()).toArray(String[]::new));
        assertThat(options.help()).isFalse();
        assertThat(options.reason()).hasValueSatisfying(reason -> assertThat(reason.name()).isEqualTo("UNKNOWN_RESULT"));
        assertThat(manifests.replay().at("/spec/suspend").booleanValue()).as("a template, never run by schedule").isTrue();
        assertThat(manifests.replayPod().path("restartPolicy").textValue()).isEqualTo("Never");
        assertThat(job.path("backoffLimit").isInt()).isTrue();
        assertThat(job.at("/podFailurePolicy/rules/0/onExitCodes/values").toString()).as("bad arguments are not retried")
                .isEqualTo("[2]");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, REPLAY})
    void shouldRunEveryPodUnprivilegedOnAReadOnlyRoot(String dir) {
        Manifests manifests = Manifests.render(dir);
        for (JsonNode pod : manifests.podSpecs()) {
            JsonNode context = pod.path("securityContext");
            assertThat(context.path("runAsNonRoot").booleanValue()).isTrue();
            assertThat(context.path("runAsUser").intValue()).isEqualTo(10001);
            assertThat(context.path("fsGroup").intValue()).isEqualTo(10001);
            assertThat(context.at("/seccompProfile/type").textValue()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").isBoolean()).isTrue();
            assertThat(pod.path("automountServiceAccountToken").booleanValue()).isFalse();
            pod.path("volumes").forEach(volume -> {
                if (volume.has("secret")) {
                    assertThat(volume.at("/secret/defaultMode").intValue()).as("secret %s readable by the fsGroup only",
                            volume.path("name")).isEqualTo(SECRET_MODE);
                }
            });
            assertThat(Manifests.volume(pod, "tmp").has("emptyDir")).isTrue();
            for (JsonNode container : pod.path("containers")) {
                JsonNode own = container.path("securityContext");
                assertThat(own.path("readOnlyRootFilesystem").booleanValue()).isTrue();
                assertThat(own.path("allowPrivilegeEscalation").isBoolean()).isTrue();
                assertThat(own.path("allowPrivilegeEscalation").booleanValue()).isFalse();
                assertThat(own.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
                assertThat(container.path("volumeMounts")).anySatisfy(mount -> {
                    assertThat(mount.path("name").textValue()).isEqualTo("tmp");
                    assertThat(mount.path("mountPath").textValue()).isEqualTo("/tmp");
                });
                assertThat(container.at("/resources/requests/memory").isTextual()).isTrue();
                assertThat(container.at("/resources/limits/memory").isTextual()).isTrue();
                assertThat(Manifests.env(container, "JAVA_TOOL_OPTIONS").path("value").textValue())
                        .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
                assertThat(container.at("/envFrom/0/configMapRef/name").textValue()).isEqualTo(Manifests.CONFIG_MAP);
                assertThat(container.at("/envFrom/1/secretRef/name").isTextual()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldGiveTheDrainMoreTimeThanItsBound(String dir) {
        Manifests manifests = Manifests.render(dir);
        int timeoutSeconds = (int) Math.ceil(Integer.parseInt(manifests.setting(Settings.ALIPAYHK_TIMEOUT_MS)) / 1000.0);

        assertThat(manifests.workerPod().path("terminationGracePeriodSeconds").intValue())
                .isGreaterThan(timeoutSeconds + DRAIN_EXTRA_SECONDS + STOP_SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldLetNodesDrainWhileEveryPodIsUnready(String dir) {
        Manifests manifests = Manifests.render(dir);
        JsonNode pdb = manifests.one("PodDisruptionBudget").path("spec");

        assertThat(pdb.path("unhealthyPodEvictionPolicy").textValue()).isEqualTo("AlwaysAllow");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldOpenOnlyKafkaAlipayAndDnsOutAndTheHttpPortIn(String dir) {
        Manifests manifests = Manifests.render(dir);
        JsonNode policy = manifests.one("NetworkPolicy").path("spec");

        assertThat(ports(policy.path("egress"))).containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/9092", "TCP/9093",
                "TCP/443");
        assertThat(ports(policy.path("ingress"))).containsExactly("TCP/" + manifests.setting(Settings.HTTP_PORT));
        assertThat(policy.at("/policyTypes").toString()).contains("Ingress", "Egress");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, REPLAY})
    void shouldSelectExactlyThePodsEachObjectIsAbout(String dir) {
        Manifests manifests = Manifests.render(dir);
        JsonNode worker = manifests.worker().at("/spec/template/metadata/labels");
        List<JsonNode> replayPods = new ArrayList<>(List.of(manifests.replayJob().at("/template/metadata/labels")));
        manifests.replayOnce().ifPresent(job -> replayPods.add(job.at("/spec/template/metadata/labels")));

        assertThat(selects(manifests.worker().at("/spec/selector/matchLabels"), worker)).as("Deployment").isTrue();
        for (JsonNode selector : List.of(manifests.one("Service").at("/spec/selector"),
                manifests.one("PodMonitor").at("/spec/selector/matchLabels"),
                manifests.one("PodDisruptionBudget").at("/spec/selector/matchLabels"))) {
            assertThat(selects(selector, worker)).as("selects the workers: %s", selector).isTrue();
            assertThat(replayPods).as("leaves the replay pods alone: %s", selector)
                    .noneMatch(replay -> selects(selector, replay));
        }
        JsonNode networkPolicy = manifests.one("NetworkPolicy").at("/spec/podSelector/matchLabels");
        assertThat(selects(networkPolicy, worker)).isTrue();
        assertThat(replayPods).allMatch(replay -> selects(networkPolicy, replay));
        assertThat(manifests.one("ScaledObject").at("/spec/scaleTargetRef/name").textValue())
                .isEqualTo(manifests.worker().at("/metadata/name").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldScaleOnTheWorkerGroupsLagOfTheInputTopic(String dir) {
        Manifests manifests = Manifests.render(dir);
        JsonNode scaled = manifests.one("ScaledObject").path("spec");
        JsonNode trigger = scaled.path("triggers").get(0);

        assertThat(manifests.worker().at("/spec/replicas").isMissingNode()).as("replicas belong to the ScaledObject").isTrue();
        assertThat(trigger.path("type").textValue()).isEqualTo("kafka");
        assertThat(trigger.at("/metadata/consumerGroup").textValue()).isEqualTo(manifests.setting(Settings.GROUP_ID));
        assertThat(trigger.at("/metadata/topic").textValue()).isEqualTo(manifests.setting(Settings.INPUT_TOPIC));
        assertThat(trigger.at("/metadata/bootstrapServers").textValue())
                .isEqualTo(manifests.setting(Settings.KAFKA_BOOTSTRAP_SERVERS));
        assertThat(trigger.at("/metadata/allowIdleConsumers").asText()).isEqualTo("false");
        assertThat(trigger.at("/metadata/excludePersistentLag").asText()).isEqualTo("true");
        assertThat(scaled.path("minReplicaCount").intValue()).isLessThanOrEqualTo(scaled.path("maxReplicaCount").intValue());
    }

    @Test
    void shouldNotScaleBeyondTheInputPartitions() {
        Manifests manifests = Manifests.render(OVERLAY);
        JsonNode input = manifests.named("KafkaTopic", manifests.setting(Settings.INPUT_TOPIC));

        assertThat(manifests.one("ScaledObject").at("/spec/maxReplicaCount").intValue())
                .isLessThanOrEqualTo(input.at("/spec/partitions").intValue());
    }

    @Test
    void shouldCreateTheThreeTopicsWithADeadLetterTopicKeptLongEnoughToReplay() {
        Manifests manifests = Manifests.render(OVERLAY);
        JsonNode dlt = manifests.named("KafkaTopic", manifests.setting(Settings.DLT_TOPIC));

        assertThat(manifests.all("KafkaTopic")).extracting(topic -> topic.at("/metadata/name").textValue())
                .containsExactlyInAnyOrder(manifests.setting(Settings.INPUT_TOPIC),
                        manifests.setting(Settings.RESULTS_TOPIC), manifests.setting(Settings.DLT_TOPIC));
        assertThat(dlt.at("/spec/config/retention.ms").asLong()).isGreaterThanOrEqualTo(30L * 24 * 3600 * 1000);
        assertThat(manifests.all("KafkaTopic")).allSatisfy(topic -> assertThat(topic.at("/apiVersion").textValue())
                .isEqualTo("kafka.strimzi.io/v1beta2"));
    }

    @Test
    void shouldGrantTheWorkerAndTheReplayToolExactlyWhatTheyUse() {
        Manifests manifests = Manifests.render(OVERLAY);
        String input = manifests.setting(Settings.INPUT_TOPIC);
        String results = manifests.setting(Settings.RESULTS_TOPIC);
        String dlt = manifests.setting(Settings.DLT_TOPIC);
        String group = manifests.setting(Settings.GROUP_ID);
        Set<String> granted = new TreeSet<>();
        manifests.one("KafkaUser").at("/spec/authorization/acls").forEach(acl -> acl.path("operations")
                .forEach(operation -> granted.add(acl.at("/resource/type").textValue() + ":"
                        + acl.at("/resource/name").asText("*") + ":" + operation.textValue())));

        assertThat(granted).containsExactlyInAnyOrder(
                "topic:" + input + ":Describe", "topic:" + input + ":Read", "group:" + group + ":Describe",
                "group:" + group + ":Read", "topic:" + results + ":Describe", "topic:" + results + ":Write",
                "topic:" + dlt + ":Describe", "topic:" + dlt + ":Write", "cluster:*:IdempotentWrite",
                // the replay tool: <group>-replay reads the DLT, results are read for the superseded check
                "topic:" + dlt + ":Read", "group:" + group + "-replay:Describe", "group:" + group + "-replay:Read",
                "topic:" + results + ":Read", "topic:" + input + ":Write");
    }

    @Test
    void shouldTakeTheKafkaPasswordFromTheUsersSecretInEveryPod() {
        Manifests manifests = Manifests.render(OVERLAY);
        String user = manifests.one("KafkaUser").at("/metadata/name").textValue();

        for (JsonNode container : manifests.containers()) {
            assertThat(Manifests.env(container, "KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").textValue())
                    .isEqualTo(user);
        }
        assertThat(manifests.settings()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(Manifests.container(manifests.workerPod()).path("image").textValue())
                .isEqualTo(Manifests.container(manifests.replayPod()).path("image").textValue())
                .contains("/passrelay:");
    }

    @Test
    void shouldRunTheOneOffReplayJobWithTheCronJobsPodAndItsOwnArguments() {
        Manifests manifests = Manifests.render(REPLAY);
        ObjectNode job = manifests.replayOnce().orElseThrow();
        List<String> args = new ArrayList<>();
        job.at("/spec/template/spec/containers/0/args").forEach(arg -> args.add(arg.textValue()));

        assertThat(withoutArgs(job.at("/spec/template/spec"))).as("the CronJob template's pod, arguments aside")
                .isEqualTo(withoutArgs(manifests.replayPod()));
        assertThat(job.at("/spec/template/metadata")).isEqualTo(manifests.replayJob().at("/template/metadata"));
        ObjectNode jobSpec = job.get("spec").deepCopy();
        ObjectNode templateSpec = manifests.replayJob().deepCopy();
        jobSpec.remove("template");
        templateSpec.remove("template");
        assertThat(jobSpec).as("retries, deadline and clean-up as the CronJob's runs").isEqualTo(templateSpec);
        assertThat(args).first().isEqualTo("replay");
        ReplayOptions options = ReplayOptions.parse(args.subList(1, args.size()).toArray(String[]::new));
        assertThat(options.help()).isFalse();
        assertThat(options.dryRun()).as("as shipped, a run only looks").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldNeverApplyTheOneOffReplayJobWithTheInstallation(String dir) {
        assertThat(Manifests.render(dir).all("Job")).isEmpty();
    }

    @Test
    void shouldNameEachStaticMemberAfterItsPodAndNoOtherProcess() {
        Manifests overlay = Manifests.render(OVERLAY);
        JsonNode instanceId = Manifests.env(Manifests.container(overlay.workerPod()), "KAFKA_GROUP_INSTANCE_ID");

        assertThat(instanceId.at("/valueFrom/fieldRef/fieldPath").textValue()).isEqualTo("metadata.name");
        for (String dir : List.of(BASE, OVERLAY, REPLAY)) {
            Manifests manifests = Manifests.render(dir);
            assertThat(manifests.settings()).as("%s: one id shared by every pod fences them out", dir)
                    .doesNotContainKey("KAFKA_GROUP_INSTANCE_ID");
            manifests.replayPods().forEach(pod -> assertThat(Manifests.container(pod).path("env"))
                    .as("%s: replay pods", dir).noneMatch(env -> env.path("name").asText().equals("KAFKA_GROUP_INSTANCE_ID")));
        }
        assertThat(Manifests.container(Manifests.render(BASE).workerPod()).path("env"))
                .as("the base leaves static membership to an installation")
                .noneMatch(env -> env.path("name").asText().equals("KAFKA_GROUP_INSTANCE_ID"));
    }

    private static JsonNode withoutArgs(JsonNode pod) {
        ObjectNode copy = pod.deepCopy();
        copy.path("containers").forEach(container -> ((ObjectNode) container).remove("args"));
        return copy;
    }

    /** True when every label of {@code selector} is on {@code labels}. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        List<Boolean> matches = new ArrayList<>();
        selector.fields().forEachRemaining(label -> matches.add(label.getValue().equals(labels.path(label.getKey()))));
        return !matches.isEmpty() && !matches.contains(false);
    }

    private static boolean isFile(Setting<?> setting) {
        return setting.name().endsWith("_FILE");
    }

    private static boolean isKafkaClientProperty(String property) {
        return Stream.of(ConsumerConfig.configNames(), ProducerConfig.configNames(), AdminClientConfig.configNames())
                .anyMatch(names -> names.contains(property));
    }

    private static Map<String, String> kafkaOnly(Set<String> names) {
        Map<String, String> values = new java.util.HashMap<>();
        names.stream().filter(name -> name.startsWith("KAFKA_")).forEach(name -> values.put(name, "x"));
        return values;
    }

    private static List<String> ports(JsonNode rules) {
        List<String> ports = new ArrayList<>();
        rules.forEach(rule -> rule.path("ports").forEach(port ->
                ports.add(port.path("protocol").asText("TCP") + "/" + port.path("port").asText())));
        return ports;
    }

    private static PrometheusMeterRegistry registry() {
        return Metrics.prometheus();
    }

    private static int get(HealthServer health, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port()
                + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

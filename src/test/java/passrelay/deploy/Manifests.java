package passrelay.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import passrelay.config.Setting;

/** One rendered kustomization, with the questions the tests ask of it. */
record Manifests(Path dir, List<ObjectNode> resources) {
    static final String BASE = "k8s/base";
    static final String OVERLAY = "k8s/overlays/example";
    /** The example installation with the one-off replay Job (k8s/replay). */
    static final String REPLAY = "k8s/overlays/example-replay";
    static final String CONFIG_MAP = "passrelay";

    static Manifests render(String dir) {
        return new Manifests(Path.of(dir), Kustomization.render(Path.of(dir)));
    }

    List<ObjectNode> all(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").textValue())).toList();
    }

    ObjectNode one(String kind) {
        List<ObjectNode> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError(dir + ": expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    ObjectNode named(String kind, String name) {
        return Kustomization.find(resources, kind, name);
    }

    /** The settings the pods get from the ConfigMap. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        named("ConfigMap", CONFIG_MAP).path("data").fields()
                .forEachRemaining(field -> settings.put(field.getKey(), field.getValue().asText()));
        return settings;
    }

    /** A setting's value as the pods see it: the ConfigMap's, else the default. */
    String setting(Setting<?> setting) {
        return settings().getOrDefault(setting.name(), setting.defaultValue());
    }

    ObjectNode worker() {
        return named("Deployment", "passrelay");
    }

    ObjectNode replay() {
        return named("CronJob", "passrelay-replay");
    }

    /**
     * The {@code job} label Prometheus gives the workers' series: the value of the pod label the PodMonitor names
     * as its {@code jobLabel} (without one, the Prometheus Operator's default {@code <namespace>/<name>} would
     * depend on where the base is applied).
     */
    String scrapeJob() {
        JsonNode monitor = one("PodMonitor").path("spec");
        JsonNode podLabels = worker().at("/spec/template/metadata/labels");
        monitor.at("/selector/matchLabels").fields().forEachRemaining(label -> {
            if (!label.getValue().equals(podLabels.path(label.getKey()))) {
                throw new AssertionError("the PodMonitor does not select the worker's pods: " + label);
            }
        });
        String jobLabel = monitor.path("jobLabel").asText("");
        if (jobLabel.isEmpty() || !podLabels.path(jobLabel).isTextual()) {
            throw new AssertionError("the PodMonitor's jobLabel names no label of the worker's pods: '" + jobLabel + "'");
        }
        return podLabels.path(jobLabel).textValue();
    }

    JsonNode workerPod() {
        return worker().at("/spec/template/spec");
    }

    JsonNode replayJob() {
        return replay().at("/spec/jobTemplate/spec");
    }

    JsonNode replayPod() {
        return replayJob().at("/template/spec");
    }

    /** The one-off replay Job, where the kustomization has it (k8s/replay). */
    java.util.Optional<ObjectNode> replayOnce() {
        return all("Job").stream().findFirst();
    }

    /** The replay tool's pods: the CronJob template's, and the one-off replay Job's if any. */
    List<JsonNode> replayPods() {
        List<JsonNode> pods = new ArrayList<>(List.of(replayPod()));
        replayOnce().ifPresent(job -> pods.add(job.at("/spec/template/spec")));
        return pods;
    }

    /** Every pod the manifests run: the worker's and the replay tool's. */
    List<JsonNode> podSpecs() {
        List<JsonNode> pods = new ArrayList<>(List.of(workerPod()));
        pods.addAll(replayPods());
        return pods;
    }

    List<JsonNode> containers() {
        List<JsonNode> containers = new ArrayList<>();
        podSpecs().forEach(pod -> pod.path("containers").forEach(containers::add));
        return containers;
    }

    static JsonNode container(JsonNode pod) {
        return pod.path("containers").get(0);
    }

    static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").textValue())) {
                return env;
            }
        }
        throw new AssertionError("no env " + name + " in container " + container.path("name"));
    }

    static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (name.equals(volume.path("name").textValue())) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }
}

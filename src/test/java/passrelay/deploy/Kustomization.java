package passrelay.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset this project uses:
 * {@code resources} (files and directories), {@code components}, {@code configMapGenerator} ({@code envs},
 * {@code behavior: merge}), {@code patches} (strategic merge, by kind and name) and {@code images}. Anything else fails loudly, so a
 * manifest feature the tests cannot see is never silently ignored. Generated names keep no hash suffix.
 */
final class Kustomization {
    static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> UNDERSTOOD = Set.of("apiVersion", "kind", "resources", "components",
            "configMapGenerator", "patches", "images");
    /** Kinds whose lists of named objects (containers, env, volumes, ...) a strategic merge merges by name. */
    private static final Set<String> BUILT_IN = Set.of("Deployment", "CronJob", "Job", "Service", "ConfigMap",
            "Secret", "PodDisruptionBudget", "NetworkPolicy");

    private Kustomization() {
    }

    static List<ObjectNode> render(Path dir) {
        List<ObjectNode> resources = new ArrayList<>();
        build(dir, "Kustomization", resources);
        return resources;
    }

    /** Adds what {@code dir} holds to {@code resources}: a kustomization's own, or a component's over the others. */
    private static void build(Path dir, String kind, List<ObjectNode> resources) {
        JsonNode kustomization = read(dir.resolve("kustomization.yaml")).get(0);
        kustomization.fieldNames().forEachRemaining(key -> {
            if (!UNDERSTOOD.contains(key)) {
                throw new IllegalStateException(dir + "/kustomization.yaml: '" + key + "' is not understood by this test");
            }
        });
        if (!kustomization.path("kind").asText("Kustomization").equals(kind)) {
            throw new IllegalStateException(dir + "/kustomization.yaml: expected kind " + kind);
        }
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.textValue()).normalize();
            resources.addAll(Files.isDirectory(path) ? render(path) : read(path));
        }
        for (JsonNode component : kustomization.path("components")) {
            build(dir.resolve(component.textValue()).normalize(), "Component", resources);
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            generate(dir, generator, resources);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            for (ObjectNode document : read(dir.resolve(patch.path("path").textValue()))) {
                ObjectNode target = find(resources, document.path("kind").textValue(),
                        document.at("/metadata/name").textValue());
                merge(target, document, BUILT_IN.contains(target.path("kind").textValue()));
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            resources.forEach(resource -> setImage(resource, image));
        }
    }

    static List<ObjectNode> read(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<ObjectNode> read = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject()) {
                    read.add((ObjectNode) document);
                }
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** NAME=value lines; blank lines and # comments skipped, as kustomize's env files. */
    static Map<String, String> envFile(Path file) {
        try {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals < 1) {
                    throw new IllegalStateException(file + ": not NAME=value: " + line);
                }
                values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream()
                .filter(r -> kind.equals(r.path("kind").textValue()) && name.equals(r.at("/metadata/name").textValue()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + kind + " " + name));
    }

    private static void generate(Path dir, JsonNode generator, List<ObjectNode> resources) {
        String name = generator.path("name").textValue();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (JsonNode env : generator.path("envs")) {
            envFile(dir.resolve(env.textValue())).forEach(data::put);
        }
        String behavior = generator.path("behavior").asText("create");
        if (behavior.equals("merge")) {
            ((ObjectNode) find(resources, "ConfigMap", name).get("data")).setAll(data);
        } else if (behavior.equals("create")) {
            ObjectNode configMap = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
            configMap.putObject("metadata").put("name", name);
            configMap.set("data", data);
            resources.add(configMap);
        } else {
            throw new IllegalStateException("configMapGenerator behavior '" + behavior + "' is not understood by this test");
        }
    }

    /** A strategic merge patch: objects merge; lists of named objects merge by name in built-in kinds, else replace. */
    private static void merge(ObjectNode target, JsonNode patch, boolean builtIn) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing instanceof ObjectNode object && value.isObject()) {
                merge(object, value, builtIn);
            } else if (builtIn && existing instanceof ArrayNode list && isNamedList(value) && isNamedList(list)) {
                mergeByName(list, (ArrayNode) value, builtIn);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    /** As kustomize merges: the patch's items, merged into their namesakes or new, come first, in the patch's order. */
    private static void mergeByName(ArrayNode list, ArrayNode patch, boolean builtIn) {
        List<JsonNode> patched = new ArrayList<>();
        for (JsonNode item : patch) {
            JsonNode match = null;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).path("name").equals(item.path("name"))) {
                    match = list.remove(i);
                    break;
                }
            }
            if (match == null) {
                patched.add(item.deepCopy());
            } else {
                merge((ObjectNode) match, item, builtIn);
                patched.add(match);
            }
        }
        for (int i = patched.size() - 1; i >= 0; i--) {
            list.insert(0, patched.get(i));
        }
    }

    private static boolean isNamedList(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isObject() || !item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static void setImage(ObjectNode resource, JsonNode image) {
        resource.findParents("containers").forEach(parent -> parent.get("containers").forEach(container -> {
            String current = container.path("image").asText();
            String bare = current.replaceAll("[:@].*$", "");
            if (bare.equals(image.path("name").textValue())) {
                String name = image.path("newName").asText(bare);
                String tag = image.has("newTag") ? ":" + image.get("newTag").asText() : "";
                ((ObjectNode) container).put("image", name + tag);
            }
        }));
    }
}

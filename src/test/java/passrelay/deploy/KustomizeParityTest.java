package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java renderer that the other manifest tests read ({@link Kustomization}) gives the same objects as the
 * real kustomize ({@code kubectl kustomize}) where kubectl is installed. CI machines may not have it: there the
 * comparison is skipped, and the tests rest on the renderer that this test proved elsewhere.
 */
class KustomizeParityTest {
    private static final long KUBECTL_TIMEOUT_SECONDS = 60;

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.OVERLAY, Manifests.REPLAY})
    void shouldRenderWhatKubectlKustomizeRenders(String dir) throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not on PATH: the Java renderer is not compared with kustomize here");

        Map<String, JsonNode> expected = byKindAndName(withoutNameHashes(kustomize(kubectl.get(), dir)));
        Map<String, JsonNode> rendered = byKindAndName(Kustomization.render(Path.of(dir)));

        assertThat(rendered.keySet()).isEqualTo(expected.keySet());
        rendered.forEach((object, json) -> assertThat(json).as(object).isEqualTo(expected.get(object)));
    }

    private static List<ObjectNode> kustomize(Path kubectl, String dir) throws Exception {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(KUBECTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("kubectl kustomize ends").isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, err).isZero();
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = Kustomization.YAML.readerFor(JsonNode.class).readValues(out)) {
            documents.forEachRemaining(document -> objects.add((ObjectNode) document));
        }
        return objects;
    }

    /**
     * kustomize names a generated ConfigMap {@code <name>-<hash of its data>} and rewrites references to it; the
     * Java renderer keeps the plain name. Every use of a hashed name is put back to the plain one.
     */
    private static List<ObjectNode> withoutNameHashes(List<ObjectNode> objects) throws IOException {
        String yaml = Kustomization.YAML.writeValueAsString(objects);
        for (ObjectNode object : objects) {
            String name = object.at("/metadata/name").asText();
            if (object.path("kind").asText().equals("ConfigMap") && name.matches(".+-[a-z0-9]{10}")) {
                yaml = yaml.replace(name, name.substring(0, name.length() - 11));
            }
        }
        List<ObjectNode> plain = new ArrayList<>();
        Kustomization.YAML.readTree(yaml).forEach(object -> plain.add((ObjectNode) object));
        return plain;
    }

    private static Map<String, JsonNode> byKindAndName(List<ObjectNode> objects) {
        Map<String, JsonNode> byName = new TreeMap<>();
        objects.forEach(object -> assertThat(byName.put(object.path("apiVersion").asText() + " "
                + object.path("kind").asText() + " " + object.at("/metadata/name").asText(), object))
                .as("one object per kind and name").isNull());
        return byName;
    }

    private static Optional<Path> onPath(String command) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }
}

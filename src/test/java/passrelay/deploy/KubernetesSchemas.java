package passrelay.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The vendored schemas of src/test/resources/k8s-schemas (its README says where each came from), one per
 * apiVersion and kind, made strict: Kubernetes objects from fabric8's kubernetes-model, custom resources from
 * their CRDs (every served version).
 */
final class KubernetesSchemas {
    static final Path DIR = Path.of("src/test/resources/k8s-schemas");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kubernetes' own keywords: structural hints for the API server, nothing a validator checks. */
    private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-int-or-string", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
            "x-kubernetes-map-type", "x-kubernetes-embedded-resource", "x-kubernetes-validations", "nullable");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(kubernetesDraft7());
    private static final KubernetesSchemas VENDORED = load(DIR);

    /** "apiVersion/kind" to its schema. */
    private final Map<String, Schema> byKind;

    private KubernetesSchemas(Map<String, Schema> byKind) {
        this.byKind = byKind;
    }

    static KubernetesSchemas vendored() {
        return VENDORED;
    }

    static KubernetesSchemas load(Path dir) {
        Map<String, Schema> byKind = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode model = JSON.readTree(file.toFile());
                model.path("kinds").fields().forEachRemaining(kind -> add(byKind, kind.getKey(),
                        StrictSchema.fromFabric8(model.path("definitions"), kind.getValue().textValue())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.list(dir.resolve("crds"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .forEach(file -> Kustomization.read(file).forEach(crd -> addCrd(crd, byKind)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KubernetesSchemas(byKind);
    }

    private static void addCrd(JsonNode crd, Map<String, Schema> byKind) {
        String group = crd.at("/spec/group").textValue();
        String kind = crd.at("/spec/names/kind").textValue();
        for (JsonNode version : crd.at("/spec/versions")) {
            if (version.path("served").asBoolean(false)) {
                add(byKind, group + "/" + version.path("name").textValue() + "/" + kind,
                        StrictSchema.fromCrd(version.at("/schema/openAPIV3Schema")));
            }
        }
    }

    /** One schema per kind: two would leave it to the order of the files which one a manifest meets. */
    private static void add(Map<String, Schema> byKind, String kind, JsonNode schema) {
        if (byKind.put(kind, compile(schema)) != null) {
            throw new IllegalStateException(kind + ": more than one vendored schema");
        }
    }

    private static Dialect kubernetesDraft7() {
        Dialect.Builder dialect = Dialect.builder(Dialects.getDraft7());
        KUBERNETES_KEYWORDS.forEach(keyword -> dialect.keyword(new NonValidationKeyword(keyword)));
        return dialect.build();
    }

    private static Schema compile(JsonNode schema) {
        return REGISTRY.getSchema(schema.toString(), InputFormat.JSON);
    }

    /** The apiVersion/kind pairs with a schema. */
    java.util.Set<String> kinds() {
        return byKind.keySet();
    }

    /** What is wrong with {@code object} by the schema of its apiVersion and kind; a kind without one is wrong. */
    List<String> problems(JsonNode object) {
        String kind = object.path("apiVersion").asText("?") + "/" + object.path("kind").asText("?");
        Schema schema = byKind.get(kind);
        if (schema == null) {
            return List.of(kind + ": no vendored schema (see " + DIR.resolve("README.md") + ")");
        }
        return schema.validate(object.toString(), InputFormat.JSON).stream().map(Error::toString).toList();
    }
}

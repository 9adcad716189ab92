package passrelay.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Turns the vendored schemas into JSON Schema (draft 7) that rejects unknown fields, as kubeconform's "strict"
 * schemas do: every object schema that lists its properties gets {@code additionalProperties: false}, unless it
 * keeps unknown fields on purpose. x-kubernetes-* keys stay: a validator ignores keywords it does not know.
 */
final class StrictSchema {
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");
    /** Go structs that fabric8 describes field by field, but whose JSON form is a scalar. */
    private static final Map<String, String> SCALARS = Map.of(
            "kubernetes_apimachinery_pkg_util_intstr_IntOrString", "{\"type\": [\"integer\", \"string\"]}",
            "k8s_io_apimachinery_pkg_api_resource_Quantity", "{\"type\": [\"string\", \"number\"]}");

    private StrictSchema() {
    }

    /** A CRD version's {@code openAPIV3Schema} as a strict JSON Schema. */
    static ObjectNode fromCrd(JsonNode openApiV3Schema) {
        ObjectNode schema = openApiV3Schema.deepCopy();
        tighten(schema, false);
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        return schema;
    }

    /** One kind of fabric8's kubernetes-model schema: a {@code $ref} to its definition, every definition strict. */
    static ObjectNode fromFabric8(JsonNode definitions, String root) {
        ObjectNode strict = JsonNodeFactory.instance.objectNode();
        definitions.fields().forEachRemaining(definition -> {
            String scalar = SCALARS.get(definition.getKey());
            ObjectNode schema = scalar != null ? (ObjectNode) read(scalar) : definition.getValue().deepCopy();
            tighten(schema, true);
            strict.set(definition.getKey(), schema);
        });
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("$schema", "http://json-schema.org/draft-07/schema#")
                .put("$ref", "#/definitions/" + root);
        schema.set("definitions", strict);
        return schema;
    }

    /**
     * Closes {@code schema} and every schema inside it. {@code openByDefault}: fabric8 writes
     * {@code additionalProperties: true} on every object, where a CRD writes nothing; both mean "not checked".
     */
    private static void tighten(ObjectNode schema, boolean openByDefault) {
        if (schema.has("properties") && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            JsonNode additional = schema.get("additionalProperties");
            if (additional == null || (openByDefault && additional.isBoolean())) {
                schema.put("additionalProperties", false);
            }
        }
        if (schema.path("nullable").asBoolean(false) && schema.path("type").isTextual()) {
            schema.set("type", JsonNodeFactory.instance.arrayNode().add(schema.get("type").textValue()).add("null"));
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false) && !schema.has("anyOf")) {
            schema.set("type", JsonNodeFactory.instance.arrayNode().add("integer").add("string"));
        }
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        schema.path("properties").fields().forEachRemaining(property -> {
            ObjectNode child = (ObjectNode) property.getValue();
            // fabric8 marks apiVersion and kind with draft 3's "required": true; draft 7 lists them on the parent
            if (child.path("required").isBoolean()) {
                if (child.remove("required").booleanValue()) {
                    required.add(property.getKey());
                }
            }
            tighten(child, openByDefault);
        });
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        for (String key : List.of("items", "additionalProperties", "not")) {
            if (schema.get(key) instanceof ObjectNode child) {
                tighten(child, openByDefault);
            }
        }
        for (String key : SUBSCHEMA_LISTS) {
            schema.path(key).forEach(child -> tighten((ObjectNode) child, openByDefault));
        }
    }

    private static JsonNode read(String json) {
        try {
            return Kustomization.YAML.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

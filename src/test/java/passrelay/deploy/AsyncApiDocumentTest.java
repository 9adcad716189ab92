package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import passrelay.config.Settings;
import passrelay.event.Json;
import passrelay.testing.JsonSchemas;

/** docs/asyncapi.yaml is whole (every $ref resolves) and names the topics and schemas the code uses. */
class AsyncApiDocumentTest {
    private static final Path DOCUMENT = Path.of("docs", "asyncapi.yaml");
    private final JsonNode asyncApi = Kustomization.read(DOCUMENT).get(0);

    @Test
    void shouldResolveEveryReference() {
        List<String> refs = new ArrayList<>();
        collectRefs(asyncApi, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertThat(asyncApi.at(ref.substring(1)).isMissingNode()).as("%s resolves in the document", ref).isFalse();
            } else {
                Path file = DOCUMENT.resolveSibling(ref.replaceAll("#.*$", "")).normalize();
                assertThat(file).as("%s is a file", ref).isRegularFile();
            }
        }
    }

    @Test
    void shouldDescribeTheThreeTopicsWithTheProjectsSchemas() {
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(address("passUpdates")).isEqualTo(Settings.INPUT_TOPIC.defaultValue());
        assertThat(address("passUpdateResults")).isEqualTo(Settings.RESULTS_TOPIC.defaultValue());
        assertThat(address("deadLetters")).isEqualTo(Settings.DLT_TOPIC.defaultValue());
        JsonNode messages = asyncApi.at("/components/messages");
        assertThat(messages.at("/passUpdate/payload/$ref").textValue()).endsWith("/schemas/" + JsonSchemas.EVENT);
        assertThat(messages.at("/passUpdateResult/payload/$ref").textValue()).endsWith("/schemas/" + JsonSchemas.RESULT);
        assertThat(messages.at("/deadLetter/headers/$ref").textValue()).endsWith("/schemas/" + JsonSchemas.DEAD_LETTER_HEADERS);
        assertThat(asyncApi.at("/operations/receivePassUpdates/bindings/kafka/groupId/const").textValue())
                .isEqualTo(Settings.GROUP_ID.defaultValue());
    }

    @Test
    void shouldGiveAnExampleEventThatTheSchemaAccepts() throws Exception {
        for (JsonNode example : asyncApi.at("/components/messages/passUpdate/examples")) {
            String payload = Json.mapper().writeValueAsString(example.path("payload"));

            assertThat(JsonSchemas.problems(JsonSchemas.EVENT, payload)).isEmpty();
        }
    }

    @Test
    void shouldLinkTheContractFromTheReadmeInsteadOfAFileOutsideTheRepository() throws Exception {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).doesNotContain("../shared").contains("docs/asyncapi.yaml", "docs/guarantees.md",
                "docs/publishing.md", "docs/replay-runbook.md", "```mermaid");
        for (String doc : List.of("asyncapi.yaml", "guarantees.md", "publishing.md", "replay-runbook.md")) {
            assertThat(Path.of("docs", doc)).isRegularFile();
        }
    }

    private String address(String channel) {
        return asyncApi.at("/channels/" + channel + "/address").textValue();
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().textValue());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }
}

package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object the kustomizations render matches the vendored schema of its apiVersion and kind, strictly:
 * an unknown field, a wrong type or a kind without a schema fails.
 */
class ManifestSchemasTest {
    private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.vendored();

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.OVERLAY, Manifests.REPLAY})
    void shouldMatchTheSchemaOfItsKindInEveryRenderedObject(String dir) {
        Manifests manifests = Manifests.render(dir);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        manifests.resources().forEach(object -> problems.put(object.path("kind").textValue() + " "
                + object.at("/metadata/name").textValue(), SCHEMAS.problems(object)));

        assertThat(problems).isNotEmpty().allSatisfy((object, found) -> assertThat(found).as(object).isEmpty());
    }

    @Test
    void shouldRejectAFieldTheSchemaDoesNotKnowInEveryKindOfSource() {
        Manifests overlay = Manifests.render(Manifests.OVERLAY);
        ObjectNode deployment = overlay.worker().deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        ObjectNode podMonitor = overlay.one("PodMonitor").deepCopy();
        ((ObjectNode) podMonitor.at("/spec/podMetricsEndpoints/0")).put("intervall", "30s");
        ObjectNode scaledObject = overlay.one("ScaledObject").deepCopy();
        ((ObjectNode) scaledObject.at("/spec/triggers/0")).put("lagThreshold", "5000");
        ObjectNode topic = overlay.all("KafkaTopic").get(0).deepCopy();
        ((ObjectNode) topic.at("/spec")).put("partition", 12);

        for (ObjectNode object : List.of(deployment, podMonitor, scaledObject, topic)) {
            assertThat(SCHEMAS.problems(object)).as(object.path("kind").textValue()).isNotEmpty()
                    .anySatisfy(problem -> assertThat(problem).containsAnyOf("imagePullPolicyy", "intervall",
                            "lagThreshold", "partition"));
        }
    }

    @Test
    void shouldRejectAValueOfTheWrongType() {
        ObjectNode deployment = Manifests.render(Manifests.BASE).worker().deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec")).put("terminationGracePeriodSeconds", "sixty");
        ObjectNode user = Manifests.render(Manifests.OVERLAY).one("KafkaUser").deepCopy();
        ((ObjectNode) user.at("/spec/authorization/acls/0")).putArray("operations").add("Devour");

        assertThat(SCHEMAS.problems(deployment)).anySatisfy(problem -> assertThat(problem)
                .contains("terminationGracePeriodSeconds"));
        assertThat(SCHEMAS.problems(user)).anySatisfy(problem -> assertThat(problem).contains("operations"));
    }

    @Test
    void shouldRejectAKindWithoutAVendoredSchema() {
        JsonNode autoscaler = Kustomization.YAML.createObjectNode().put("apiVersion", "autoscaling/v2")
                .put("kind", "HorizontalPodAutoscaler");

        assertThat(SCHEMAS.problems(autoscaler)).singleElement().asString()
                .contains("autoscaling/v2/HorizontalPodAutoscaler", "no vendored schema");
    }

    @Test
    void shouldValidatePrometheusRulesForTheAlertsToCome() throws Exception {
        JsonNode rule = Kustomization.YAML.readTree("""
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: passrelay}
                spec:
                  groups:
                    - name: passrelay
                      rules:
                        - alert: PassrelayDown
                          expr: up{job="passrelay"} == 0
                          for: 5m
                          labels: {severity: page}
                """);
        ObjectNode withoutExpression = rule.deepCopy();
        ((ObjectNode) withoutExpression.at("/spec/groups/0/rules/0")).remove("expr");

        assertThat(SCHEMAS.problems(rule)).isEmpty();
        assertThat(SCHEMAS.problems(withoutExpression)).anySatisfy(problem -> assertThat(problem).contains("expr"));
    }
}

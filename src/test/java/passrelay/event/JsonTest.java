package passrelay.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.junit.jupiter.api.Test;

/** The shared mapper guards every reader of outside JSON, not only the event decoder. */
class JsonTest {

    @Test
    void shouldRefuseDuplicateKeys() {
        assertThatThrownBy(() -> Json.mapper().readTree("{\"resultStatus\":\"F\",\"resultStatus\":\"S\"}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldRefuseTrailingContent() {
        assertThatThrownBy(() -> Json.mapper().readTree("{\"a\":1}{\"a\":2}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldRefuseDeepNestingAndHugeStrings() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        String huge = "\"" + "x".repeat(Json.MAX_STRING_LENGTH + 1) + "\"";

        assertThatThrownBy(() -> Json.mapper().readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> Json.mapper().readTree(huge)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void shouldAcceptNestingUpToTheLimit() throws JsonProcessingException {
        String deepest = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);

        assertThat(Json.mapper().readTree(deepest).isArray()).isTrue();
    }

    @Test
    void shouldKeepDecimalsAsWritten() throws JsonProcessingException {
        String json = "{\"price\":88.10,\"rate\":0.1000000000000000055511151231257827}";

        assertThat(Json.mapper().writeValueAsString(Json.mapper().readTree(json))).isEqualTo(json);
    }
}

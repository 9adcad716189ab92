package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultInfoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ResponseContent parse(String body) {
        return ResultInfo.parse(body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @Test
    void shouldReadResultInfo() {
        assertThat(parse("{\"resultInfo\":{\"resultStatus\":\"F\",\"resultCode\":\"PARAM_ILLEGAL\",\"resultMessage\":\"bad\"}}"))
                .isEqualTo(new ResponseContent.Result(new ResultInfo("F", "PARAM_ILLEGAL", "bad")));
    }

    @Test
    void shouldAcceptResultAsTheObjectName() {
        assertThat(parse("{\"result\":{\"resultStatus\":\"S\",\"resultCode\":\"SUCCESS\"},\"extra\":1}"))
                .isEqualTo(new ResponseContent.Result(new ResultInfo("S", "SUCCESS", "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>502</html>", "[1]", "{}", "{\"resultInfo\":\"S\"}",
            "{\"resultInfo\":{\"resultCode\":\"SUCCESS\"}}", "{\"resultInfo\":{\"resultStatus\":\"S\"}}"})
    void shouldCallAnythingWithoutStatusAndCodeUnparseable(String body) {
        assertThat(parse(body)).isInstanceOf(ResponseContent.Unparseable.class);
    }
}

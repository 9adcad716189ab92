package passrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import passrelay.alipay.CallOutcome;

class LoadSignalTest {

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of(new CallOutcome.Success("SUCCESS", "ok", Optional.empty(), 200), LoadSignal.SUCCESS),
                Arguments.of(new CallOutcome.Rejected("PARAM_ILLEGAL", "bad", Optional.empty(), 200), LoadSignal.BUSINESS_ANSWER),
                Arguments.of(new CallOutcome.Misconfigured("INVALID_SIGNATURE", "key", Optional.empty(), 200), LoadSignal.NONE),
                Arguments.of(unknown("UNKNOWN_EXCEPTION", 200, true), LoadSignal.UNKNOWN_ANSWER),
                Arguments.of(unknown("SYSTEM_ERROR", 200, true), LoadSignal.UNKNOWN_ANSWER),
                Arguments.of(unknown("REQUEST_TRAFFIC_EXCEED_LIMIT", 200, true), LoadSignal.THROTTLED),
                Arguments.of(unknown("REQUEST_TRAFFIC_EXCEED_LIMIT", 429, false), LoadSignal.THROTTLED),
                Arguments.of(unknown("HTTP_429", 429, false), LoadSignal.THROTTLED),
                Arguments.of(unknown("TIMEOUT", 0, false), LoadSignal.TIMEOUT),
                Arguments.of(unknown("HTTP_503", 503, false), LoadSignal.SERVER_ERROR),
                Arguments.of(unknown("SYSTEM_ERROR", 500, false), LoadSignal.SERVER_ERROR),
                Arguments.of(unknown("CONNECTION_ERROR", 0, false), LoadSignal.NONE),
                Arguments.of(unknown("UNTRUSTED_RESPONSE", 200, false), LoadSignal.NONE),
                Arguments.of(unknown("UNPARSEABLE_RESPONSE", 200, false), LoadSignal.NONE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("outcomes")
    void shouldTellTheLimitWhatEachOutcomeSaysAboutLoad(CallOutcome outcome, LoadSignal signal) {
        assertThat(LoadSignal.of(outcome)).isEqualTo(signal);
    }

    private static CallOutcome unknown(String code, int httpStatus, boolean answered) {
        return new CallOutcome.Unknown(code, "m", Optional.empty(), httpStatus, Optional.empty(), answered);
    }
}

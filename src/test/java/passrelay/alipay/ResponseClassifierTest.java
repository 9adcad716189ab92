package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseClassifierTest {
    private static final Optional<String> TRACER = Optional.of("tracer-1");

    private static ResponseContent result(String status, String code) {
        return new ResponseContent.Result(new ResultInfo(status, code, code + " message"));
    }

    private static final ResponseContent UNPARSEABLE = new ResponseContent.Unparseable("response body is not JSON");
    private static final ResponseContent UNTRUSTED = new ResponseContent.Untrusted("response has no Signature header");

    static Stream<Arguments> responses() {
        return Stream.of(
                row(200, result("S", "SUCCESS"), CallOutcome.Success.class, "SUCCESS"),
                row(200, result("F", "PARAM_ILLEGAL"), CallOutcome.Rejected.class, "PARAM_ILLEGAL"),
                row(200, result("F", "PASS_USED_OCCUPIED"), CallOutcome.Rejected.class, "PASS_USED_OCCUPIED"),
                row(200, result("F", "SOME_NEW_EVENT_CODE"), CallOutcome.Rejected.class, "SOME_NEW_EVENT_CODE"),
                row(200, result("F", "INVALID_SIGNATURE"), CallOutcome.Misconfigured.class, "INVALID_SIGNATURE"),
                row(200, result("F", "KEY_NOT_FOUND"), CallOutcome.Misconfigured.class, "KEY_NOT_FOUND"),
                row(200, result("F", "INVALID_CLIENT"), CallOutcome.Misconfigured.class, "INVALID_CLIENT"),
                row(200, result("F", "ACCESS_DENIED"), CallOutcome.Misconfigured.class, "ACCESS_DENIED"),
                row(200, result("F", "INVALID_API"), CallOutcome.Misconfigured.class, "INVALID_API"),
                row(200, result("F", "METHOD_NOT_SUPPORTED"), CallOutcome.Misconfigured.class, "METHOD_NOT_SUPPORTED"),
                row(200, result("F", "MEDIA_TYPE_NOT_ACCEPTABLE"), CallOutcome.Misconfigured.class, "MEDIA_TYPE_NOT_ACCEPTABLE"),
                row(200, result("U", "UNKNOWN_EXCEPTION"), CallOutcome.Unknown.class, "UNKNOWN_EXCEPTION"),
                row(200, result("U", "SYSTEM_ERROR"), CallOutcome.Unknown.class, "SYSTEM_ERROR"),
                row(200, result("X", "ODD_STATUS"), CallOutcome.Unknown.class, "ODD_STATUS"),
                row(200, UNPARSEABLE, CallOutcome.Unknown.class, "UNPARSEABLE_RESPONSE"),
                row(200, UNTRUSTED, CallOutcome.Unknown.class, "UNTRUSTED_RESPONSE"),
                row(400, UNPARSEABLE, CallOutcome.Misconfigured.class, "HTTP_400"),
                row(404, UNTRUSTED, CallOutcome.Misconfigured.class, "HTTP_404"),
                row(403, result("S", "SUCCESS"), CallOutcome.Misconfigured.class, "HTTP_403"),
                row(401, result("F", "INVALID_SIGNATURE"), CallOutcome.Misconfigured.class, "INVALID_SIGNATURE"),
                row(400, result("F", "PARAM_ILLEGAL"), CallOutcome.Rejected.class, "PARAM_ILLEGAL"),
                row(409, result("U", "SYSTEM_ERROR"), CallOutcome.Unknown.class, "SYSTEM_ERROR"),
                row(302, UNPARSEABLE, CallOutcome.Misconfigured.class, "HTTP_302"),
                row(429, UNPARSEABLE, CallOutcome.Unknown.class, "HTTP_429"),
                row(429, result("U", "REQUEST_TRAFFIC_EXCEED_LIMIT"), CallOutcome.Unknown.class, "REQUEST_TRAFFIC_EXCEED_LIMIT"),
                row(429, result("F", "ACCESS_DENIED"), CallOutcome.Unknown.class, "HTTP_429"),
                row(500, UNPARSEABLE, CallOutcome.Unknown.class, "HTTP_500"),
                row(502, UNTRUSTED, CallOutcome.Unknown.class, "HTTP_502"),
                row(503, result("S", "SUCCESS"), CallOutcome.Unknown.class, "HTTP_503"),
                row(504, result("F", "PARAM_ILLEGAL"), CallOutcome.Unknown.class, "HTTP_504"));
    }

    private static Arguments row(int status, ResponseContent content, Class<? extends CallOutcome> expected, String code) {
        return Arguments.of(status, content, expected, code);
    }

    @ParameterizedTest(name = "HTTP {0} with {1} is {2} {3}")
    @MethodSource("responses")
    void shouldClassifyEveryResponseByTheTable(int status, ResponseContent content,
                                               Class<? extends CallOutcome> expected, String code) {
        CallOutcome outcome = ResponseClassifier.classify(status, content, TRACER);

        assertThat(outcome).isInstanceOf(expected);
        assertThat(outcome.resultCode()).isEqualTo(code);
        assertThat(outcome.tracerId()).isEqualTo(TRACER);
        assertThat(outcome.retryable()).isEqualTo(!(outcome instanceof CallOutcome.Success || outcome instanceof CallOutcome.Rejected));
    }

    @Test
    void shouldKeepTheHttpStatusAndExplainAnUnusableBody() {
        CallOutcome untrusted = ResponseClassifier.classify(200, UNTRUSTED, Optional.empty());
        CallOutcome notFound = ResponseClassifier.classify(404, UNPARSEABLE, Optional.empty());

        assertThat(untrusted.resultMessage()).isEqualTo("response has no Signature header");
        assertThat(((CallOutcome.Unknown) untrusted).httpStatus()).isEqualTo(200);
        assertThat(notFound.resultMessage()).isEqualTo("HTTP 404 (response body is not JSON)");
        assertThat(((CallOutcome.Misconfigured) notFound).httpStatus()).isEqualTo(404);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new HttpTimeoutException("request timed out"), CallOutcome.Unknown.class, "TIMEOUT"),
                Arguments.of(new HttpConnectTimeoutException("HTTP connect timed out"), CallOutcome.Unknown.class, "TIMEOUT"),
                Arguments.of(new CompletionException(new TimeoutException("deadline")), CallOutcome.Unknown.class, "TIMEOUT"),
                Arguments.of(new CompletionException(new ConnectException("Connection refused")), CallOutcome.Unknown.class,
                        "CONNECTION_ERROR"),
                Arguments.of(new IOException("HTTP/1.1 header parser received no bytes"), CallOutcome.Unknown.class,
                        "CONNECTION_ERROR"),
                Arguments.of(new IllegalStateException("RSA256 signing failed"), CallOutcome.Misconfigured.class, "CLIENT_ERROR"));
    }

    @ParameterizedTest(name = "{0} is {1} {2}")
    @MethodSource("failures")
    void shouldClassifyEveryTransportFailure(Throwable failure, Class<? extends CallOutcome> expected, String code) {
        CallOutcome outcome = ResponseClassifier.classifyFailure(failure);

        assertThat(outcome).isInstanceOf(expected);
        assertThat(outcome.resultCode()).isEqualTo(code);
        assertThat(outcome.tracerId()).isEmpty();
        assertThat(outcome.retryable()).isTrue();
    }

    @Test
    void shouldDescribeTheErrorAsClassNameAndMessageOfTheRootCause() {
        CallOutcome outcome = ResponseClassifier.classifyFailure(
                new CompletionException(new ConnectException("Connection refused")));

        assertThat(((CallOutcome.Unknown) outcome).error()).contains("ConnectException: Connection refused");
        assertThat(((CallOutcome.Unknown) outcome).httpStatus()).isZero();
    }

    @Test
    void shouldCallOnlyAWellFormedUAnswerWithHttp2xxAnAnswerAboutTheEvent() {
        assertThat(answered(ResponseClassifier.classify(200, result("U", "UNKNOWN_EXCEPTION"), TRACER))).isTrue();
        assertThat(answered(ResponseClassifier.classify(200, result("X", "ODD_STATUS"), TRACER))).isFalse();
        assertThat(answered(ResponseClassifier.classify(200, UNTRUSTED, TRACER))).isFalse();
        assertThat(answered(ResponseClassifier.classify(200, UNPARSEABLE, TRACER))).isFalse();
        assertThat(answered(ResponseClassifier.classify(429, result("U", "REQUEST_TRAFFIC_EXCEED_LIMIT"), TRACER)))
                .as("rate limiting is about AlipayHK, not the event").isFalse();
        assertThat(answered(ResponseClassifier.classify(503, result("U", "SYSTEM_ERROR"), TRACER))).isFalse();
        assertThat(answered(ResponseClassifier.classifyFailure(new HttpTimeoutException("timed out")))).isFalse();
    }

    private static boolean answered(CallOutcome outcome) {
        return ((CallOutcome.Unknown) outcome).answered();
    }
}

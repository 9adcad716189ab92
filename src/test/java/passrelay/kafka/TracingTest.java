package passrelay.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.kafka.TraceHeadersTest.SPAN_ID;
import static passrelay.kafka.TraceHeadersTest.TRACEPARENT;
import static passrelay.kafka.TraceHeadersTest.TRACE_ID;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import passrelay.alipay.CallOutcome;
import passrelay.demo.SampleEvents;
import passrelay.event.EventDecoder;

class TracingTest {
    private static final URI ENDPOINT = URI.create("https://open.alipay.hk/api/open/alipay/v1/ipass/pass/manage/updatePass");
    private static final CallOutcome SUCCESS = new CallOutcome.Success("SUCCESS", "ok", Optional.of("tracer-7"), 200);
    private static final CallOutcome TIMEOUT = new CallOutcome.Unknown(CallOutcome.TIMEOUT, "no response",
            Optional.empty(), 0, Optional.of("HttpTimeoutException: timed out"), false);

    @Test
    void shouldCarryTheRecordsOwnContextOntoItsOutcomeWhenNothingRecordsSpans() {
        Tracing tracing = new Tracing(OpenTelemetry.noop(), "passrelay-1");

        Span process = processSpan(tracing, true);
        Span call = tracing.calls(ENDPOINT).start(process, 1);
        ProducerRecord<byte[], byte[]> result = result();
        tracing.sends("pass-update-results").start(process, result);

        assertThat(process.isRecording()).isFalse();
        assertThat(call.getSpanContext().isValid()).as("no span for the call").isFalse();
        assertThat(TraceHeadersTest.value(result.headers(), TraceHeaders.TRACEPARENT))
                .as("the parent's own context, span id and all").isEqualTo(TRACEPARENT);
        assertThat(TraceHeadersTest.value(result.headers(), TraceHeaders.TRACESTATE)).isEqualTo("congo=t61rcWkgMzE");
    }

    @Test
    void shouldAddNoContextToTheOutcomeOfARecordWithoutOneWhenNothingRecordsSpans() {
        Tracing tracing = new Tracing(OpenTelemetry.noop(), "passrelay-1");

        Span process = processSpan(tracing, false);
        ProducerRecord<byte[], byte[]> result = result();
        tracing.sends("pass-update-results").start(process, result);

        assertThat(result.headers().toArray()).as("no fabricated trace ids").isEmpty();
    }

    @Test
    void shouldRecordTheProcessSpanAsAChildOfTheRecordsContext() {
        try (InMemoryTracing sdk = new InMemoryTracing()) {
            Tracing tracing = new Tracing(sdk.openTelemetry(), "passrelay-1");

            Span process = processSpan(tracing, true);
            tracing.process("pass-updates", "passrelay").outcome(process, "U", "UNKNOWN_EXCEPTION", true);

            SpanData span = sdk.spans().get(0);
            assertThat(span.getName()).isEqualTo("process pass-updates");
            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID);
            assertThat(span.getSpanId()).isNotEqualTo(SPAN_ID);
            assertThat(span.getAttributes().asMap()).containsAllEntriesOf(Map.of(
                    AttributeKey.stringKey("messaging.system"), "kafka",
                    AttributeKey.stringKey("messaging.operation.name"), "process",
                    AttributeKey.stringKey("messaging.operation.type"), "process",
                    AttributeKey.stringKey("messaging.destination.name"), "pass-updates",
                    AttributeKey.stringKey("messaging.destination.partition.id"), "3",
                    AttributeKey.stringKey("messaging.consumer.group.name"), "passrelay",
                    AttributeKey.stringKey("messaging.client.id"), "passrelay-1",
                    AttributeKey.longKey("kafka.offset"), 42L,
                    AttributeKey.stringKey("messaging.message.id"), "pass-1#1",
                    AttributeKey.stringKey("kafka.message.key"), "pass-1"));
            assertThat(span.getAttributes().get(AttributeKey.stringKey("passrelay.dlt.reason"))).isEqualTo("UNKNOWN_RESULT");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("UNKNOWN_RESULT");
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        }
    }

    @Test
    void shouldRecordEachCallAttemptAndEachSendUnderTheProcessSpan() {
        try (InMemoryTracing sdk = new InMemoryTracing()) {
            Tracing tracing = new Tracing(sdk.openTelemetry(), "passrelay-1");
            Span process = processSpan(tracing, true);
            CallSpans calls = tracing.calls(ENDPOINT);
            SendSpans sends = tracing.sends("pass-update-results");

            calls.end(calls.start(process, 1), TIMEOUT);
            calls.end(calls.start(process, 2), SUCCESS);
            ProducerRecord<byte[], byte[]> result = result();
            Span send = sends.start(process, result);
            sends.end(send, new RecordMetadata(new TopicPartition("pass-update-results", 1), 77, 0, 0, 6, 10), null);
            process.end();

            String processId = process.getSpanContext().getSpanId();
            var attempts = sdk.spans(span -> span.getName().equals("POST"));
            assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
                assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(attempt.getParentSpanId()).isEqualTo(processId);
                assertThat(attempt.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
                assertThat(attempt.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("open.alipay.hk");
                assertThat(attempt.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(443L);
                assertThat(attempt.getAttributes().get(AttributeKey.stringKey("url.full"))).isEqualTo(ENDPOINT.toString());
            });
            SpanData timedOut = attempts.get(0);
            assertThat(timedOut.getAttributes().get(AttributeKey.longKey("passrelay.attempt"))).isEqualTo(1L);
            assertThat(timedOut.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("TIMEOUT");
            assertThat(timedOut.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isNull();
            assertThat(timedOut.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            SpanData answered = attempts.get(1);
            assertThat(answered.getAttributes().get(AttributeKey.longKey("passrelay.attempt"))).isEqualTo(2L);
            assertThat(answered.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
            assertThat(answered.getAttributes().get(AttributeKey.stringKey("passrelay.result_status"))).isEqualTo("S");
            assertThat(answered.getAttributes().get(AttributeKey.stringKey("passrelay.result_code"))).isEqualTo("SUCCESS");
            assertThat(answered.getAttributes().get(AttributeKey.stringKey("passrelay.tracer_id"))).isEqualTo("tracer-7");
            assertThat(answered.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();

            SpanData sent = sdk.spans(span -> span.getKind() == SpanKind.PRODUCER).get(0);
            assertThat(sent.getName()).isEqualTo("send pass-update-results");
            assertThat(sent.getParentSpanId()).isEqualTo(processId);
            assertThat(sent.getAttributes().get(AttributeKey.longKey("kafka.offset"))).isEqualTo(77L);
            assertThat(sent.getAttributes().get(AttributeKey.stringKey("messaging.destination.partition.id"))).isEqualTo("1");
            assertThat(TraceHeadersTest.value(result.headers(), TraceHeaders.TRACEPARENT))
                    .as("the send span's context goes on the record")
                    .isEqualTo("00-" + TRACE_ID + "-" + sent.getSpanId() + "-01");
        }
    }

    @Test
    void shouldStartATraceForARecordWithoutContextWhenSpansAreRecorded() {
        try (InMemoryTracing sdk = new InMemoryTracing()) {
            Tracing tracing = new Tracing(sdk.openTelemetry(), "passrelay-1");

            Span process = processSpan(tracing, false);
            ProducerRecord<byte[], byte[]> result = result();
            tracing.sends("pass-update-results").start(process, result).end();
            process.end();

            SpanData root = sdk.spans(span -> span.getKind() == SpanKind.CONSUMER).get(0);
            assertThat(root.getParentSpanContext().isValid()).isFalse();
            assertThat(TraceHeadersTest.value(result.headers(), TraceHeaders.TRACEPARENT))
                    .startsWith("00-" + root.getTraceId() + "-");
        }
    }

    @Test
    void shouldCallOnlyUnusableExchangesErrors() {
        assertThat(CallSpans.errorType(TIMEOUT)).contains("TIMEOUT");
        assertThat(CallSpans.errorType(new CallOutcome.Unknown("HTTP_503", "HTTP 503", Optional.empty(), 503,
                Optional.empty(), false))).contains("503");
        assertThat(CallSpans.errorType(new CallOutcome.Unknown("UNTRUSTED_RESPONSE", "bad signature", Optional.empty(),
                200, Optional.empty(), false))).contains("UNTRUSTED_RESPONSE");
        assertThat(CallSpans.errorType(new CallOutcome.Misconfigured("INVALID_SIGNATURE", "bad", Optional.empty(), 200)))
                .contains("INVALID_SIGNATURE");
        assertThat(CallSpans.errorType(new CallOutcome.Unknown("UNKNOWN_EXCEPTION", "later", Optional.empty(), 200,
                Optional.empty(), true))).as("a trusted U answer").isEmpty();
        assertThat(CallSpans.errorType(new CallOutcome.Rejected("PASS_STATUS_ILLEGAL", "no", Optional.empty(), 200)))
                .isEmpty();
        assertThat(CallSpans.errorType(SUCCESS)).isEmpty();
    }

    @Test
    void shouldKeepCredentialsQueryAndFragmentOffTheSpansUrl() {
        assertThat(CallSpans.fullUrl(URI.create("https://user:secret@gw.example:8443/api/x?token=abc#frag")))
                .isEqualTo("https://REDACTED:REDACTED@gw.example:8443/api/x");
    }

    /** The process span of record pass-1 at pass-updates-3@42, with or without a traceparent. */
    private static Span processSpan(Tracing tracing, boolean traced) {
        ConsumerRecord<byte[], byte[]> record = record(traced);
        return tracing.process("pass-updates", "passrelay").start(record, new EventDecoder(Optional.empty())
                .decode(record.value()));
    }

    private static ConsumerRecord<byte[], byte[]> record(boolean traced) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("pass-updates", 3, 42, "pass-1".getBytes(UTF_8),
                SampleEvents.event("pass-1", 1));
        if (traced) {
            record.headers().add(TraceHeaders.TRACEPARENT, TRACEPARENT.getBytes(UTF_8));
            record.headers().add(TraceHeaders.TRACESTATE, "congo=t61rcWkgMzE".getBytes(UTF_8));
        }
        return record;
    }

    private static ProducerRecord<byte[], byte[]> result() {
        return new ProducerRecord<>("pass-update-results", "pass-1".getBytes(UTF_8), "{}".getBytes(UTF_8));
    }
}

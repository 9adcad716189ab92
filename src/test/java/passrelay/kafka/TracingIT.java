package passrelay.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import passrelay.alipay.CallOutcome;
import passrelay.alipay.HttpUpdatePassClient;
import passrelay.alipay.SignedRequest;
import passrelay.alipay.UpdatePassClient;
import passrelay.demo.SampleEvents;
import passrelay.event.DeadLetter;
import passrelay.event.ResultRecord;
import passrelay.simulator.ScriptedResponse;
import passrelay.testing.Await;
import passrelay.testing.KafkaBroker;

/**
 * The W3C trace context of an input record reaches its results record and its dead letter, on the real broker
 * with the real simulator: unchanged when nothing records spans (the no-op API), through passrelay's own spans
 * when an SDK does. Never into what is signed.
 */
@ExtendWith(KafkaBroker.class)
class TracingIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACE_C = "5b8efff798038103d269b633813fc60c";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final ScriptedResponse UNKNOWN = ScriptedResponse.answer("U", "UNKNOWN_EXCEPTION", "try later");

    @Test
    void shouldCarryTheRecordsContextOntoItsOutcomesAndNeverIntoTheSignedRequestWithTracingOff(
            KafkaBroker.Endpoint kafka) throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "trace-off", 1, sim -> { })) {
            fixture.set("PASSRELAY_RETRY_MAX_ATTEMPTS", "2");
            fixture.simulator().script("pass-u", UNKNOWN, UNKNOWN);
            byte[] same = SampleEvents.event("pass-same", 1);
            fixture.produce("pass-same", same, traced(TRACE_A));               // offset 0
            fixture.produce("pass-same", same);                                // 1: the same value, no context
            fixture.produce("pass-u", SampleEvents.event("pass-u", 1), traced(TRACE_B));
            fixture.produce("pass-plain", SampleEvents.event("pass-plain", 1));
            fixture.produce("pass-bad", "{not json".getBytes(UTF_8), traced(TRACE_C));
            List<String> hostile = publishHostile(fixture);
            fixture.flush();
            // the real client on a clock that stands still: the same update signs to the same bytes
            CapturingClient client = new CapturingClient(HttpUpdatePassClient.create(fixture.setup().alipay(),
                    Clock.fixed(Instant.now(), ZoneOffset.UTC)));
            fixture.startWorker(options -> options, Optional.of(client));

            Map<Long, ConsumerRecord<byte[], byte[]>> results = awaitResults(fixture, 4 + hostile.size());
            List<ConsumerRecord<byte[], byte[]>> dead = Await.until(DEADLINE, fixture::deadLetters, d -> d.size() >= 2);

            assertThat(headerValues(results.get(0L), TraceHeaders.TRACEPARENT)).containsExactly(traceparent(TRACE_A, PARENT));
            assertThat(headerValues(results.get(0L), TraceHeaders.TRACESTATE)).containsExactly("congo=t61rcWkgMzE");
            assertThat(results.get(1L).headers().toArray()).as("no context in, none out").isEmpty();
            assertThat(result(results, "pass-plain#1").headers().toArray()).isEmpty();
            assertThat(headerValues(result(results, "pass-u#1"), TraceHeaders.TRACEPARENT))
                    .containsExactly(traceparent(TRACE_B, PARENT));
            ConsumerRecord<byte[], byte[]> unknown = deadLetter(dead, "UNKNOWN_RESULT");
            assertThat(headerValues(unknown, TraceHeaders.TRACEPARENT)).as("the original's, not repeated")
                    .containsExactly(traceparent(TRACE_B, PARENT));
            assertThat(headerValues(deadLetter(dead, "MALFORMED_EVENT"), TraceHeaders.TRACEPARENT))
                    .containsExactly(traceparent(TRACE_C, PARENT));
            assertThat(hostile).allSatisfy(eventId -> {
                ConsumerRecord<byte[], byte[]> record = result(results, eventId);
                assertThat(ResultRecord.fromJson(record.value()).resultStatus()).as(eventId).isEqualTo("S");
                assertThat(record.headers().toArray()).as(eventId).isEmpty();
            });

            List<SignedRequest> sameUpdate = client.requestsFor("pass-same");
            assertThat(sameUpdate).hasSize(2);
            SignedRequest withContext = sameUpdate.get(0);
            SignedRequest without = sameUpdate.get(1);
            assertThat(withContext.body()).as("the signed body").isEqualTo(without.body());
            assertThat(withContext.headers()).as("every header sent, the Signature included").isEqualTo(without.headers());
            assertThat(client.requests()).allSatisfy(request -> assertThat(request.headers().keySet())
                    .containsExactly("Client-Id", "Content-Type", "Request-Time", "Signature"));
        }
    }

    @Test
    void shouldCarryTheContextThroughProcessCallAndSendSpansWhenAnSdkRecordsThem(KafkaBroker.Endpoint kafka)
            throws Exception {
        try (RelayFixture fixture = RelayFixture.create(kafka, "trace-on", 1, sim -> { });
             InMemoryTracing tracing = new InMemoryTracing()) {
            fixture.set("PASSRELAY_RETRY_MAX_ATTEMPTS", "2");
            fixture.simulator().script("pass-u", UNKNOWN, UNKNOWN);
            fixture.produce("pass-s", SampleEvents.event("pass-s", 1), traced(TRACE_A));
            fixture.produce("pass-u", SampleEvents.event("pass-u", 1), traced(TRACE_B));
            fixture.produce("pass-root", SampleEvents.event("pass-root", 1));
            fixture.flush();
            fixture.startWorker(options -> options.withOpenTelemetry(tracing.openTelemetry()), Optional.empty());

            Map<Long, ConsumerRecord<byte[], byte[]>> results = awaitResults(fixture, 3);
            ConsumerRecord<byte[], byte[]> dead = Await.until(DEADLINE, fixture::deadLetters, d -> d.size() >= 1).get(0);
            Await.until(DEADLINE, () -> "spans: " + tracing.spans().stream().map(SpanData::getName).toList(),
                    () -> tracing.spans(kind(SpanKind.PRODUCER)).size() >= 4);

            SpanData process = only(tracing.spans(kind(SpanKind.CONSUMER).and(trace(TRACE_B))));
            assertThat(process.getName()).isEqualTo("process " + fixture.inputTopic);
            assertThat(process.getParentSpanId()).as("the record's context is the parent").isEqualTo(PARENT);
            List<SpanData> attempts = tracing.spans(kind(SpanKind.CLIENT).and(trace(TRACE_B)));
            assertThat(attempts).extracting(SpanData::getName).containsExactly("POST", "POST");
            assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.getParentSpanId()).isEqualTo(process.getSpanId()));
            assertThat(attempts).extracting(attempt -> attempt.getAttributes().get(SpanAttributes.ATTEMPT))
                    .containsExactlyInAnyOrder(1L, 2L);
            assertThat(attempts).extracting(attempt -> attempt.getAttributes().get(SpanAttributes.RESULT_STATUS))
                    .containsOnly("U");
            Map<String, SpanData> sends = tracing.spans(kind(SpanKind.PRODUCER).and(trace(TRACE_B))).stream()
                    .collect(Collectors.toMap(SpanData::getName, Function.identity()));
            assertThat(sends.keySet()).containsExactlyInAnyOrder("send " + fixture.resultsTopic, "send " + fixture.dltTopic);
            assertThat(sends.values()).allSatisfy(send -> assertThat(send.getParentSpanId()).isEqualTo(process.getSpanId()));
            assertThat(headerValues(result(results, "pass-u#1"), TraceHeaders.TRACEPARENT))
                    .containsExactly(traceparent(TRACE_B, sends.get("send " + fixture.resultsTopic).getSpanId()));
            assertThat(headerValues(dead, TraceHeaders.TRACEPARENT)).as("the original's, then the dead letter's own")
                    .containsExactly(traceparent(TRACE_B, PARENT),
                            traceparent(TRACE_B, sends.get("send " + fixture.dltTopic).getSpanId()));

            String sameTrace = headerValues(result(results, "pass-s#1"), TraceHeaders.TRACEPARENT).get(0);
            assertThat(sameTrace).startsWith("00-" + TRACE_A + "-").doesNotContain(PARENT);
            SpanData root = only(tracing.spans(kind(SpanKind.CONSUMER)
                    .and(span -> !List.of(TRACE_A, TRACE_B).contains(span.getTraceId()))));
            assertThat(root.getParentSpanContext().isValid()).as("a record without context starts a trace").isFalse();
            assertThat(headerValues(result(results, "pass-root#1"), TraceHeaders.TRACEPARENT).get(0))
                    .startsWith("00-" + root.getTraceId() + "-");
        }
    }

    /** Records whose traceparent is unusable, one way each: they must be processed as if they had none. */
    private static List<String> publishHostile(RelayFixture fixture) {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'f');
        List<byte[]> values = List.of("junk".getBytes(UTF_8), new byte[0], big,
                traceparent("00000000000000000000000000000000", PARENT).getBytes(UTF_8),
                ("ff-" + TRACE_A + "-" + PARENT + "-01").getBytes(UTF_8),
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Headers headers = new RecordHeaders();
            headers.add(TraceHeaders.TRACEPARENT, values.get(i));
            fixture.produce("pass-hostile-" + i, SampleEvents.event("pass-hostile-" + i, 1), headers);
            eventIds.add(SampleEvents.eventId("pass-hostile-" + i, 1));
        }
        Headers noValue = new RecordHeaders();
        noValue.add(TraceHeaders.TRACEPARENT, null);
        fixture.produce("pass-hostile-null", SampleEvents.event("pass-hostile-null", 1), noValue);
        eventIds.add(SampleEvents.eventId("pass-hostile-null", 1));
        return eventIds;
    }

    private static Headers traced(String traceId) {
        Headers headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, traceparent(traceId, PARENT).getBytes(UTF_8));
        headers.add(TraceHeaders.TRACESTATE, "congo=t61rcWkgMzE".getBytes(UTF_8));
        return headers;
    }

    private static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** Results by the offset of their input record. */
    private static Map<Long, ConsumerRecord<byte[], byte[]>> awaitResults(RelayFixture fixture, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = Await.until(DEADLINE, fixture::resultRecords,
                r -> r.size() >= count);
        return records.stream().collect(Collectors.toMap(
                record -> ResultRecord.fromJson(record.value()).source().offset(), Function.identity()));
    }

    private static ConsumerRecord<byte[], byte[]> result(Map<Long, ConsumerRecord<byte[], byte[]>> results,
                                                         String eventId) {
        return only(results.values().stream()
                .filter(record -> ResultRecord.fromJson(record.value()).eventId().equals(eventId)).toList());
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(List<ConsumerRecord<byte[], byte[]>> dead, String reason) {
        return only(dead.stream()
                .filter(record -> RelayFixture.header(record, DeadLetter.REASON).orElse("").equals(reason)).toList());
    }

    private static List<String> headerValues(ConsumerRecord<byte[], byte[]> record, String name) {
        List<String> values = new ArrayList<>();
        for (Header header : record.headers().headers(name)) {
            values.add(new String(header.value(), UTF_8));
        }
        return values;
    }

    private static Predicate<SpanData> kind(SpanKind kind) {
        return span -> span.getKind() == kind;
    }

    private static Predicate<SpanData> trace(String traceId) {
        return span -> span.getTraceId().equals(traceId);
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** The real client, keeping each request exactly as it was signed and sent. */
    private static final class CapturingClient implements UpdatePassClient {
        private final HttpUpdatePassClient client;
        private final List<Map.Entry<String, SignedRequest>> sent = Collections.synchronizedList(new ArrayList<>());

        CapturingClient(HttpUpdatePassClient client) {
            this.client = client;
        }

        @Override
        public CompletableFuture<CallOutcome> updatePass(ObjectNode update) {
            return client.exchange(update).thenApply(exchange -> {
                exchange.request().ifPresent(request -> sent.add(Map.entry(update.get("passId").asText(), request)));
                return exchange.outcome();
            });
        }

        List<SignedRequest> requests() {
            synchronized (sent) {
                return sent.stream().map(Map.Entry::getValue).toList();
            }
        }

        List<SignedRequest> requestsFor(String passId) {
            synchronized (sent) {
                return sent.stream().filter(entry -> entry.getKey().equals(passId)).map(Map.Entry::getValue).toList();
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}

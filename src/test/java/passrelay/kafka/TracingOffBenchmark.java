package passrelay.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import passrelay.alipay.CallOutcome;
import passrelay.demo.SampleEvents;
import passrelay.event.DecodedEvent;
import passrelay.event.EventDecoder;

/**
 * What tracing costs one event when nothing records spans (the no-op API, as {@code passrelay run} without an
 * agent or SDK): the tracing calls of one record with one call and one results record, with and without a
 * traceparent, against building the results record alone. Run with {@code bench/tracing.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TracingOffBenchmark {
    private static final CallOutcome SUCCESS = new CallOutcome.Success("SUCCESS", "ok", Optional.empty(), 200);
    private static final RecordMetadata ACKNOWLEDGED = new RecordMetadata(new TopicPartition("results", 0), 1, 0, 0, 6, 300);

    private ProcessSpans process;
    private CallSpans calls;
    private SendSpans sends;
    private ConsumerRecord<byte[], byte[]> plain;
    private ConsumerRecord<byte[], byte[]> traced;
    private DecodedEvent decoded;
    private byte[] key;
    private byte[] json;

    @Setup
    public void setUp() {
        Tracing tracing = new Tracing(OpenTelemetry.noop(), "passrelay-1");
        process = tracing.process("pass-updates", "passrelay");
        calls = tracing.calls(URI.create("https://open.alipay.hk/api/open/alipay/v1/ipass/pass/manage/updatePass"));
        sends = tracing.sends("pass-update-results");
        byte[] value = SampleEvents.event("pass-1", 1);
        plain = new ConsumerRecord<>("pass-updates", 0, 1, "pass-1".getBytes(UTF_8), value);
        plain.headers().add("source", "ticketing".getBytes(UTF_8));
        traced = new ConsumerRecord<>("pass-updates", 0, 2, "pass-1".getBytes(UTF_8), value);
        traced.headers().add("source", "ticketing".getBytes(UTF_8));
        traced.headers().add(TraceHeaders.TRACEPARENT, TraceHeadersTest.TRACEPARENT.getBytes(UTF_8));
        decoded = new EventDecoder(Optional.empty()).decode(value);
        key = "pass-1".getBytes(UTF_8);
        json = "{\"resultStatus\":\"S\"}".getBytes(UTF_8);
    }

    @Benchmark
    public ProducerRecord<byte[], byte[]> resultRecordAlone() {
        return new ProducerRecord<>("pass-update-results", key, json);
    }

    @Benchmark
    public ProducerRecord<byte[], byte[]> recordWithoutTraceparent() {
        return oneEvent(plain);
    }

    @Benchmark
    public ProducerRecord<byte[], byte[]> recordWithTraceparent() {
        return oneEvent(traced);
    }

    private ProducerRecord<byte[], byte[]> oneEvent(ConsumerRecord<byte[], byte[]> record) {
        Span span = process.start(record, decoded);
        calls.end(calls.start(span, 1), SUCCESS);
        ProducerRecord<byte[], byte[]> result = new ProducerRecord<>("pass-update-results", key, json);
        sends.end(sends.start(span, result), ACKNOWLEDGED, null);
        process.outcome(span, "S", "SUCCESS", false);
        return result;
    }
}

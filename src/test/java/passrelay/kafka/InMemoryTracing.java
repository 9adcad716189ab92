package passrelay.kafka;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.function.Predicate;

/**
 * An OpenTelemetry SDK that records every span (the default parent-based, always-on sampler) in memory. It is
 * handed to what it traces, never registered as {@code GlobalOpenTelemetry}, so other tests never see it.
 */
final class InMemoryTracing implements AutoCloseable {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();

    OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** Every span ended so far. */
    List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    List<SpanData> spans(Predicate<SpanData> which) {
        return spans().stream().filter(which).toList();
    }

    @Override
    public void close() {
        sdk.close();
    }
}

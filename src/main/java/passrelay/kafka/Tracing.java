package passrelay.kafka;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.net.URI;
import passrelay.ops.BuildVersion;

/**
 * Where a worker's spans come from: one tracer of the OpenTelemetry it was given ({@code GlobalOpenTelemetry} unless
 * a test hands in its own: the agent's or an autoconfigured SDK's, else the no-op API), and the three kinds of span
 * it makes. Spans travel with the work they describe ({@link Pending}, a call's closure), never through
 * {@code Context.current()}: a record is consumed on the poll thread, called and finished on the event loop, and
 * answered on HTTP and producer threads.
 */
final class Tracing {
    /** The instrumentation scope's name. */
    static final String SCOPE = "passrelay";

    private final Tracer tracer;
    private final String clientId;

    /** @param clientId the worker's Kafka client id, {@code messaging.client.id} */
    Tracing(OpenTelemetry openTelemetry, String clientId) {
        this.tracer = openTelemetry.tracerBuilder(SCOPE).setInstrumentationVersion(BuildVersion.current()).build();
        this.clientId = clientId;
    }

    ProcessSpans process(String topic, String groupId) {
        return new ProcessSpans(tracer, topic, groupId, clientId);
    }

    /** @param endpoint the updatePass URL */
    CallSpans calls(URI endpoint) {
        return new CallSpans(tracer, endpoint);
    }

    SendSpans sends(String topic) {
        return new SendSpans(tracer, topic, clientId);
    }
}

package passrelay.kafka;

import static passrelay.kafka.SpanAttributes.ATTEMPT;
import static passrelay.kafka.SpanAttributes.ERROR_TYPE;
import static passrelay.kafka.SpanAttributes.HTTP_METHOD;
import static passrelay.kafka.SpanAttributes.HTTP_STATUS;
import static passrelay.kafka.SpanAttributes.RESULT_CODE;
import static passrelay.kafka.SpanAttributes.RESULT_STATUS;
import static passrelay.kafka.SpanAttributes.SERVER_ADDRESS;
import static passrelay.kafka.SpanAttributes.SERVER_PORT;
import static passrelay.kafka.SpanAttributes.TRACER_ID;
import static passrelay.kafka.SpanAttributes.URL_FULL;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import passrelay.alipay.CallOutcome;

/**
 * The CLIENT span {@code POST} of each AlipayHK call attempt, a child of the record's process span; a retry is a
 * span of its own. It covers the attempt as the event loop sees it: signing, the exchange, reading and verifying
 * the answer. Started and ended on the event loop, carried between the two in the call's own closure. The trace
 * context goes no further than this span: no {@code traceparent} is sent to AlipayHK, a third party (README,
 * Tracing); its {@code Tracer-Id} comes back as {@code passrelay.tracer_id} instead.
 */
final class CallSpans {
    private static final String POST = "POST";

    private final Tracer tracer;
    private final String host;
    private final long port;
    private final String url;

    /** @param endpoint the updatePass URL */
    CallSpans(Tracer tracer, URI endpoint) {
        this.tracer = tracer;
        this.host = Objects.requireNonNullElse(endpoint.getHost(), "");
        this.port = endpoint.getPort() != -1 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        this.url = fullUrl(endpoint);
    }

    /** @param attempt the call's number for its record, from 1 */
    Span start(Span process, int attempt) {
        if (!tracer.isEnabled()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(POST).setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(process))
                .setAttribute(HTTP_METHOD, POST).setAttribute(SERVER_ADDRESS, host).setAttribute(SERVER_PORT, port)
                .setAttribute(URL_FULL, url).setAttribute(ATTEMPT, attempt)
                .startSpan();
    }

    void end(Span span, CallOutcome outcome) {
        if (span.isRecording()) {
            if (outcome.httpStatus() > 0) {
                span.setAttribute(HTTP_STATUS, outcome.httpStatus());
            }
            span.setAttribute(RESULT_STATUS, outcome.resultStatus()).setAttribute(RESULT_CODE, outcome.resultCode());
            outcome.tracerId().ifPresent(id -> span.setAttribute(TRACER_ID, id));
            errorType(outcome).ifPresent(type -> span.setAttribute(ERROR_TYPE, type).setStatus(StatusCode.ERROR));
        }
        span.end();
    }

    /**
     * What went wrong with the exchange, if anything: no answer ({@code TIMEOUT}, {@code CONNECTION_ERROR},
     * {@code CLIENT_ERROR}), an HTTP status of 400 or more (as its number), or an answer that could not be used
     * (untrusted, unparseable, an our-fault code, a redirect). A trusted answer, S, F or U, is not an error of the call.
     */
    static Optional<String> errorType(CallOutcome outcome) {
        int status = outcome.httpStatus();
        if (status == 0) {
            return Optional.of(outcome.resultCode());
        }
        if (status >= 400) {
            return Optional.of(Integer.toString(status));
        }
        boolean unusable = outcome instanceof CallOutcome.Misconfigured
                || outcome instanceof CallOutcome.Unknown unknown && !unknown.answered();
        return unusable ? Optional.of(outcome.resultCode()) : Optional.empty();
    }

    /** Scheme, host, port and path, as the conventions ask: credentials redacted, no query or fragment. */
    static String fullUrl(URI endpoint) {
        String credentials = endpoint.getRawUserInfo() == null ? "" : "REDACTED:REDACTED@";
        String port = endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort();
        return endpoint.getScheme() + "://" + credentials + endpoint.getHost() + port + endpoint.getRawPath();
    }
}

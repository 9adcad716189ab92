package passrelay.kafka;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.opentelemetry.api.common.AttributeKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Optional;

/**
 * Every span attribute passrelay sets, in one place: OpenTelemetry's semantic conventions for messaging spans
 * (Kafka) and HTTP client spans, and passrelay's own under {@code passrelay.}. Values that come from a record
 * (key, eventId) are set only when short and readable: a span is no place for a hostile megabyte.
 */
final class SpanAttributes {
    static final AttributeKey<String> MESSAGING_SYSTEM = stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_NAME = stringKey("messaging.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION = stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION = stringKey("messaging.destination.partition.id");
    static final AttributeKey<String> CONSUMER_GROUP = stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> CLIENT_ID = stringKey("messaging.client.id");
    static final AttributeKey<String> MESSAGE_ID = stringKey("messaging.message.id");
    /** Named {@code messaging.kafka.offset} before the conventions moved Kafka's own attributes to {@code kafka.}. */
    static final AttributeKey<Long> OFFSET = longKey("kafka.offset");
    static final AttributeKey<String> MESSAGE_KEY = stringKey("kafka.message.key");

    static final AttributeKey<String> HTTP_METHOD = stringKey("http.request.method");
    static final AttributeKey<Long> HTTP_STATUS = longKey("http.response.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
    static final AttributeKey<String> URL_FULL = stringKey("url.full");
    static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

    static final AttributeKey<Long> ATTEMPT = longKey("passrelay.attempt");
    static final AttributeKey<String> RESULT_STATUS = stringKey("passrelay.result_status");
    static final AttributeKey<String> RESULT_CODE = stringKey("passrelay.result_code");
    static final AttributeKey<String> TRACER_ID = stringKey("passrelay.tracer_id");
    static final AttributeKey<String> DEAD_LETTER_REASON = stringKey("passrelay.dlt.reason");
    static final AttributeKey<Boolean> SKIPPED = booleanKey("passrelay.skipped");
    static final AttributeKey<Boolean> HANDED_OVER = booleanKey("passrelay.handed_over");

    static final String KAFKA = "kafka";
    /** Longest key or eventId put on a span (eventIds are at most 128 characters, passIds far shorter). */
    static final int MAX_TEXT = 256;

    private static final String[] PARTITION_IDS = new String[256];

    static {
        for (int i = 0; i < PARTITION_IDS.length; i++) {
            PARTITION_IDS[i] = Integer.toString(i);
        }
    }

    private SpanAttributes() {
    }

    /** The partition as the conventions want it, a string; no new string for the usual partition counts. */
    static String partitionId(int partition) {
        return partition >= 0 && partition < PARTITION_IDS.length ? PARTITION_IDS[partition] : Integer.toString(partition);
    }

    /** A record key as text: only when present, short and valid UTF-8 (the conventions leave out keys with no canonical text). */
    static Optional<String> keyText(byte[] key) {
        if (key == null || key.length > MAX_TEXT) {
            return Optional.empty();
        }
        try {
            return Optional.of(UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString());
        } catch (CharacterCodingException notText) {
            return Optional.empty();
        }
    }

    static Optional<String> bounded(Optional<String> text) {
        return text.filter(value -> value.length() <= MAX_TEXT);
    }
}

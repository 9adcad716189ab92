package passrelay.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import passrelay.demo.SampleEvents;

/**
 * Records no ticketing system should publish, each of which must end as a dead letter (MALFORMED_EVENT) or an
 * F/PARAM_ILLEGAL result (well-formed but invalid): fuzzed bytes, truncated JSON, wrong types, deep nesting,
 * 1 MB values, invalid UTF-8, null keys. Seeded: the same records in every run. Their passes are their own,
 * so that anything the worker called for one of them would not disturb the valid passes.
 */
final class HostileRecords {
    static final List<String> KINDS = List.of("fuzzed", "truncated", "wrong-types", "deep-nesting", "large",
            "invalid-utf8", "null-key");
    private static final int ONE_MB = 1024 * 1024;
    private static final int MEGABYTE_RECORDS = 20;

    private final Random random;
    private final String topic;
    private int megabyteRecords;

    HostileRecords(long seed, String topic) {
        this.random = new Random(seed);
        this.topic = topic;
    }

    /** Record {@code n} of the hostile stream; its kind is {@code KINDS.get(n % KINDS.size())}. */
    ProducerRecord<byte[], byte[]> record(int n) {
        String passId = "hostile-" + n;
        byte[] key = passId.getBytes(StandardCharsets.UTF_8);
        return switch (KINDS.get(n % KINDS.size())) {
            case "fuzzed" -> new ProducerRecord<>(topic, key, bytes(1 + random.nextInt(400)));
            case "truncated" -> {
                byte[] event = SampleEvents.event(passId, 1);
                yield new ProducerRecord<>(topic, key, Arrays.copyOf(event, 1 + random.nextInt(event.length - 1)));
            }
            case "wrong-types" -> new ProducerRecord<>(topic, key, wrongTypes(passId, n / KINDS.size()));
            case "deep-nesting" -> new ProducerRecord<>(topic, key,
                    deeplyNested(passId, 2_000 + random.nextInt(20_000)));
            case "large" -> new ProducerRecord<>(topic, key, large(passId));
            case "invalid-utf8" -> new ProducerRecord<>(topic, key, invalidUtf8(passId));
            default -> new ProducerRecord<>(topic, null, n % 2 == 0 ? bytes(50) : invalidEvent(passId, "BOGUS"));
        };
    }

    private byte[] wrongTypes(String passId, int variant) {
        String update = new String(SampleEvents.event(passId, 1), StandardCharsets.UTF_8);
        String json = switch (variant % 8) {
            case 0 -> update.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":12345");
            case 1 -> "{\"eventId\":\"" + passId + "\",\"update\":\"not an object\"}";
            case 2 -> update.replace("\"passId\":\"" + passId + "\"", "\"passId\":" + 42);
            case 3 -> update.replace("\"status\":\"UPDATE\"", "\"status\":7");
            case 4 -> update.replaceFirst("\"bizDate\":\\d+", "\"bizDate\":\"yesterday\"");
            case 5 -> "[" + update + "]";
            case 6 -> "null";
            default -> update.replace("\"dataInfo\":{", "\"dataInfo\":[{").replace("}}}", "}]}}");
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deeplyNested(String passId, int depth) {
        String event = new String(SampleEvents.event(passId, 1), StandardCharsets.UTF_8);
        String nested = "[".repeat(depth) + "]".repeat(depth);
        return event.replace("\"dataInfo\":{", "\"dataInfo\":{\"deep\":" + nested + ",")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The first {@value #MEGABYTE_RECORDS}: 1 MB (garbage, or an event with a 1 MB eventId); then 64 KB of garbage. */
    private byte[] large(String passId) {
        if (megabyteRecords++ < MEGABYTE_RECORDS) {
            return megabyteRecords % 2 == 0 ? printable(ONE_MB)
                    : ("{\"eventId\":\"" + passId + "x".repeat(ONE_MB) + "\",\"update\":{\"passId\":\"" + passId
                    + "\",\"status\":\"USED\",\"userId\":\"u\"}}").getBytes(StandardCharsets.UTF_8);
        }
        return printable(64 * 1024);
    }

    private byte[] invalidUtf8(String passId) {
        byte[] event = SampleEvents.event(passId, 1);
        int at = new String(event, StandardCharsets.ISO_8859_1).indexOf(passId) + 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(event, 0, at);
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}};
        out.writeBytes(broken[random.nextInt(broken.length)]);
        out.write(event, at, event.length - at);
        return out.toByteArray();
    }

    private static byte[] invalidEvent(String passId, String status) {
        return ("{\"eventId\":\"" + passId + "\",\"update\":{\"merchantId\":\"m\",\"userId\":\"u\",\"passId\":\""
                + passId + "\",\"status\":\"" + status + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] printable(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('!' + random.nextInt(90));
        }
        return bytes;
    }

    /** {@code count} hostile records. */
    List<ProducerRecord<byte[], byte[]>> records(int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            records.add(record(n));
        }
        return records;
    }
}

package passrelay.testing;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The schemas in schemas/, applied by a JSON Schema 2020-12 validator with format assertions on. */
public final class JsonSchemas {
    public static final String EVENT = "pass-update-event.schema.json";
    public static final String RESULT = "pass-update-result.schema.json";
    public static final String DEAD_LETTER_HEADERS = "dead-letter-headers.schema.json";
    private static final Path DIR = Path.of("schemas");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final ExecutionConfig FORMATS_ASSERTED = ExecutionConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /** What is wrong with {@code json} by the schema {@code name}; empty when it is valid. */
    public static List<String> problems(String name, String json) {
        Schema schema = LOADED.computeIfAbsent(name, JsonSchemas::load);
        List<Error> errors = schema.validate(json, InputFormat.JSON,
                context -> context.setExecutionConfig(FORMATS_ASSERTED));
        return errors.stream().map(Error::toString).toList();
    }

    public static List<String> problems(String name, byte[] json) {
        return problems(name, new String(json, StandardCharsets.UTF_8));
    }

    private static Schema load(String name) {
        try {
            return REGISTRY.getSchema(Files.readString(DIR.resolve(name)), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package passrelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;

class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"run, json", "replay, json", "demo, text", "call, text", "simulator, text", "keys, text"})
    void shouldLogJsonForTheServicesAndTextForTheCommandsPeopleRun(String command, String format) {
        assertThat(LogFormat.defaultFor(command)).hasToString(format);
        assertThat(LogFormat.choose(command, Map.of())).hasToString(format);
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheCommandsDefaultInAnyCase() {
        assertThat(LogFormat.choose("run", Map.of("PASSRELAY_LOG_FORMAT", "text"))).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.choose("demo", Map.of("PASSRELAY_LOG_FORMAT", " JSON "))).isEqualTo(LogFormat.JSON);
    }

    @Test
    void shouldKeepTheCommandsDefaultWhenTheEnvironmentNamesNoFormat() {
        assertThat(LogFormat.choose("run", Map.of("PASSRELAY_LOG_FORMAT", "xml"))).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.choose("keys", Map.of("PASSRELAY_LOG_FORMAT", ""))).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void shouldWriteOneJsonObjectPerLineWithTheStandardAndTheLinesOwnFields() throws Exception {
        List<String> lines = logWith(LogFormat.JSON, log -> {
            log.atWarn().setMessage("record to the dead-letter topic").addKeyValue("passId", "pass-1")
                    .addKeyValue("eventId", "event-1").addKeyValue("partition", "pass-updates-3")
                    .addKeyValue("offset", 1042L).log();
            log.info("a message\nover two lines");
            log.error("a failure", new IllegalStateException("broken"));
        });

        assertThat(lines).hasSize(3);
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines) {
            objects.add(JSON.readTree(line));
        }
        JsonNode dlt = objects.get(0);
        assertThat(dlt.isObject()).isTrue();
        assertThat(Instant.parse(dlt.path("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(dlt.path("level").asText()).isEqualTo("WARN");
        assertThat(dlt.path("logger").asText()).isEqualTo("passrelay.test");
        assertThat(dlt.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(dlt.path("message").asText()).isEqualTo("record to the dead-letter topic");
        assertThat(dlt.path("passId").asText()).isEqualTo("pass-1");
        assertThat(dlt.path("eventId").asText()).isEqualTo("event-1");
        assertThat(dlt.path("partition").asText()).isEqualTo("pass-updates-3");
        assertThat(dlt.path("offset").isNumber()).isTrue();
        assertThat(dlt.path("offset").asLong()).isEqualTo(1042L);
        assertThat(objects.get(1).path("message").asText()).isEqualTo("a message\nover two lines");
        assertThat(objects.get(2).path("stack_trace").asText()).contains("IllegalStateException: broken");
    }

    @Test
    void shouldWriteTextWithTheLinesFieldsAfterTheMessage() throws Exception {
        List<String> lines = logWith(LogFormat.TEXT, log -> {
            log.atWarn().setMessage("record to the dead-letter topic").addKeyValue("passId", "pass-1")
                    .addKeyValue("offset", 1042L).log();
            log.info("a plain line");
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("WARN", "passrelay.test", "record to the dead-letter topic passId=\"pass-1\" "
                + "offset=\"1042\"");
        assertThat(lines.get(1)).endsWith("- a plain line");
    }

    /** Configures a fresh Logback context from the production logback.xml and returns what it wrote to stderr. */
    private static List<String> logWith(LogFormat format, java.util.function.Consumer<Logger> logging)
            throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty(LogFormat.PROPERTY, format.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            logging.accept(context.getLogger("passrelay.test"));
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isEmpty())
                .filter(line -> format == LogFormat.JSON || !line.startsWith("\t") && !line.startsWith("java."))
                .toList();
    }
}

package passrelay.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** The lines one class logs during a test, with their key-value pairs (try-with-resources on {@link #of}). */
public final class CapturedLogs implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs(Logger logger) {
        this.logger = logger;
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLogs of(Class<?> type) {
        return new CapturedLogs((Logger) LoggerFactory.getLogger(type));
    }

    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** The key-value pairs of a line, by key (the last value wins). */
    public static Map<String, Object> fields(ILoggingEvent event) {
        List<KeyValuePair> pairs = Optional.ofNullable(event.getKeyValuePairs()).orElse(List.of());
        return pairs.stream().collect(Collectors.toMap(pair -> pair.key, pair -> pair.value, (a, b) -> b));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

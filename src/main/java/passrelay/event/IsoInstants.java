package passrelay.event;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The instants of results and DLT records: UTC, always with milliseconds, e.g. 2026-11-25T10:15:30.200Z. */
final class IsoInstants {
    private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3)
            .toFormatter(Locale.ROOT);

    private IsoInstants() {
    }

    static String format(Instant instant) {
        return MILLIS.format(instant);
    }

    /** Accepts any ISO-8601 instant, with a {@code Z} or an offset. */
    static Instant parse(String text) {
        return Instant.parse(text);
    }

    static Instant toMillis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}

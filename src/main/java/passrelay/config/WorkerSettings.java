package passrelay.config;

import java.time.Duration;

/** How hard the worker pushes: concurrency, memory bound, retry budget and backoff. */
public record WorkerSettings(
        int maxInFlight,
        ConcurrencyMode concurrency,
        int concurrencyMin,
        int maxBuffered,
        int retryMaxAttempts,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        int httpPort) {

    /** Reads the worker settings, recording every problem in the reader. */
    public static WorkerSettings read(SettingsReader reader) {
        Integer initial = reader.optional(Settings.RETRY_INITIAL_BACKOFF_MS);
        Integer max = reader.optional(Settings.RETRY_MAX_BACKOFF_MS);
        if (initial != null && max != null && initial > max) {
            reader.problem(Settings.RETRY_INITIAL_BACKOFF_MS.name() + " (" + initial + ") is larger than "
                    + Settings.RETRY_MAX_BACKOFF_MS.name() + " (" + max + ")");
        }
        Integer maxInFlight = reader.optional(Settings.MAX_IN_FLIGHT);
        ConcurrencyMode concurrency = reader.optional(Settings.CONCURRENCY);
        Integer concurrencyMin = reader.optional(Settings.CONCURRENCY_MIN);
        if (concurrency == ConcurrencyMode.ADAPTIVE && maxInFlight != null && concurrencyMin != null
                && concurrencyMin > maxInFlight) {
            reader.problem(Settings.CONCURRENCY_MIN.name() + " (" + concurrencyMin + ") is larger than "
                    + Settings.MAX_IN_FLIGHT.name() + " (" + maxInFlight + ")");
        }
        return new WorkerSettings(
                orZero(maxInFlight),
                concurrency,
                orZero(concurrencyMin),
                orZero(reader.optional(Settings.MAX_BUFFERED)),
                orZero(reader.optional(Settings.RETRY_MAX_ATTEMPTS)),
                Duration.ofMillis(orZero(initial)),
                Duration.ofMillis(orZero(max)),
                orZero(reader.optional(Settings.HTTP_PORT)));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}

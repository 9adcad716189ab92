package passrelay.config;

import java.util.Locale;

/** {@code PASSRELAY_CONCURRENCY}: whether the limit on calls in flight follows AlipayHK's health. */
public enum ConcurrencyMode {
    /** Always {@code PASSRELAY_MAX_IN_FLIGHT}. */
    FIXED,
    /** Between {@code PASSRELAY_CONCURRENCY_MIN} and {@code PASSRELAY_MAX_IN_FLIGHT}, following AlipayHK's health. */
    ADAPTIVE;

    /** As operators write it: {@code fixed}, {@code adaptive}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

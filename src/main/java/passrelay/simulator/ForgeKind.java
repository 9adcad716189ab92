package passrelay.simulator;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the simulator forges an answer ({@link FaultSettings#forgeRate()}). Both claim {@code S SUCCESS}
 * without applying the update, so a worker that trusted one would report a success that never happened.
 */
public enum ForgeKind {
    /** A genuine signature over another body (a U answer, same Response-Time) on top of the claimed body. */
    COPIED_SIGNATURE("copied-signature"),
    /** A genuine signature over the claimed body, but with a Response-Time {@link ResponseSigner#STALE_BY} old. */
    STALE_TIME("stale-time"),
    /** Either of the above, drawn half and half. */
    BOTH("both");

    /** The Tracer-Id prefix of every forged answer, so a test can tell whether any outcome came from one. */
    public static final String TRACER_PREFIX = "forged";

    private final String label;

    ForgeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** From its label ({@code copied-signature}, {@code stale-time}, {@code both}), case-insensitive. */
    public static ForgeKind parse(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("forge kind must be copied-signature, stale-time or "
                        + "both, was '" + label + "'"));
    }
}

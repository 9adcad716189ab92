package passrelay.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A share of passes that answer U {@code UNKNOWN_EXCEPTION} to every call (without applying it), chosen by
 * a stable hash of the passId so tests can tell which ones, until an instant ({@link Instant#MAX}: until
 * cleared). The "sick passes" of a realistic mix: healthy and sick passes together.
 */
public record SickPasses(double share, Optional<Instant> until) {
    public static final SickPasses NONE = new SickPasses(0, Optional.empty());
    private static final int BUCKETS = 10_000;

    public SickPasses {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("sick pass share must be between 0 and 1, was " + share);
        }
    }

    /** True when {@code passId} is among the sick passes of {@code share} (the same answer in every run). */
    public static boolean chosen(String passId, double share) {
        CRC32 crc = new CRC32();
        crc.update(passId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % BUCKETS < Math.round(share * BUCKETS);
    }

    boolean sickAt(String passId, Instant now) {
        return share > 0 && until.map(now::isBefore).orElse(false) && chosen(passId, share);
    }
}

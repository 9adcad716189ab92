package passrelay.replay;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import passrelay.event.ResultRecord;

/**
 * Per pass, the latest completion of a final outcome (S or F) on the results topic. A dead letter
 * that failed before it is superseded: replaying it would undo the pass's newer state.
 * Memory: one entry per pass with a final outcome.
 */
final class SupersededIndex {
    private final Map<String, Instant> latestFinal = new HashMap<>();

    /** An index that supersedes nothing: what {@code --include-superseded} uses. */
    static SupersededIndex empty() {
        return new SupersededIndex();
    }

    /** Takes in one results record; U outcomes are not final and change nothing. */
    void add(ResultRecord result) {
        if (result.isFinal()) {
            latestFinal.merge(result.passId(), result.completedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Whether the pass reached a final outcome strictly after {@code failedAt}. */
    boolean supersedes(String passId, Instant failedAt) {
        Instant latest = latestFinal.get(passId);
        return latest != null && latest.isAfter(failedAt);
    }

    int passes() {
        return latestFinal.size();
    }
}

package passrelay.relay;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The breaker's count-based window as passrelay sees it: the same calls, in the same order, as the
 * Resilience4j window it mirrors, so it can tell whether a pass's {@code U} is already in it and say
 * which failures filled it.
 */
final class EvidenceWindow {
    private record Entry(Evidence evidence, String passId, String code) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<String, Integer> unknownsByPass = new HashMap<>();
    private final Map<String, Integer> endpointFailuresByCode = new TreeMap<>();
    private int capacity;
    private int failures;

    /** Empties the window and gives it a new size (Resilience4j starts a fresh window on every transition). */
    void reset(int newCapacity) {
        entries.clear();
        unknownsByPass.clear();
        endpointFailuresByCode.clear();
        failures = 0;
        capacity = newCapacity;
    }

    /** True when the pass already has a {@code U} answer among the calls in the window. */
    boolean holdsUnknownOf(String passId) {
        return unknownsByPass.containsKey(passId);
    }

    void add(Evidence evidence, String passId, String code) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() == capacity) {
            count(entries.removeFirst(), -1);
        }
        Entry entry = new Entry(evidence, passId, code);
        entries.addLast(entry);
        count(entry, 1);
    }

    /** For example "12 of 20 calls failed (60 %): HTTP_503 x10, TIMEOUT x1, U answers from 1 pass". */
    String describe() {
        int calls = entries.size();
        int rate = calls == 0 ? 0 : Math.round(100f * failures / calls);
        StringJoiner kinds = new StringJoiner(", ");
        endpointFailuresByCode.forEach((code, count) -> kinds.add(code + " x" + count));
        if (!unknownsByPass.isEmpty()) {
            kinds.add("U answers from " + unknownsByPass.size() + (unknownsByPass.size() == 1 ? " pass" : " passes"));
        }
        return failures + " of " + calls + " calls failed (" + rate + " %)" + (failures == 0 ? "" : ": " + kinds);
    }

    private void count(Entry entry, int delta) {
        if (!entry.evidence().failure()) {
            return;
        }
        failures += delta;
        Map<String, Integer> counts = entry.evidence() == Evidence.EVENT_UNKNOWN ? unknownsByPass : endpointFailuresByCode;
        String key = entry.evidence() == Evidence.EVENT_UNKNOWN ? entry.passId() : entry.code();
        counts.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
    }
}

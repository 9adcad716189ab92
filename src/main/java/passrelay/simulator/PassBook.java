package passrelay.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Every pass the simulator knows of: its state and its queued scripted answers. */
final class PassBook {
    private final ConcurrentMap<String, Pass> passes = new ConcurrentHashMap<>();

    /** One pass; callers hold its monitor while they read or change it, which orders its requests. */
    static final class Pass {
        private PassState state = PassState.ABSENT;
        private final Deque<ScriptedResponse> scripted = new ArrayDeque<>();

        PassState state() {
            return state;
        }

        void state(PassState next) {
            state = next;
        }

        Optional<ScriptedResponse> nextScripted() {
            return Optional.ofNullable(scripted.pollFirst());
        }
    }

    Pass pass(String passId) {
        return passes.computeIfAbsent(passId, id -> new Pass());
    }

    /** Creates {@code passId} as ACTIVE (for strict mode); a pass that exists keeps its state. */
    void create(String passId) {
        Pass pass = pass(passId);
        synchronized (pass) {
            if (pass.state == PassState.ABSENT) {
                pass.state = PassState.ACTIVE;
            }
        }
    }

    void script(String passId, List<ScriptedResponse> responses) {
        Pass pass = pass(passId);
        synchronized (pass) {
            pass.scripted.addAll(responses);
        }
    }

    PassState state(String passId) {
        Pass pass = passes.get(passId);
        if (pass == null) {
            return PassState.ABSENT;
        }
        synchronized (pass) {
            return pass.state;
        }
    }

    void clear() {
        passes.clear();
    }
}

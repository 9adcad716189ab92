package passrelay.faults;

import java.util.List;

/** Placeholder until the memory run lands. */
final class MemoryRun {
    MemoryRun(Bench bench, long events, long smallEvents) {
    }

    List<String> run() {
        return List.of("memory: not yet");
    }
}

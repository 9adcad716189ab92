package passrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {
    private static final List<String> LOG = List.of(
            "[0.004s] Using G1",
            "[1.002s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 16M->4M(256M) 14.329ms",
            "[170.838s] GC(146) Concurrent Mark Cycle 1447.809ms",
            "[171.1s] GC(145) Pause Remark 200M->190M(256M) 3.1ms",
            "[172.462s] GC(148) Pause Young (Mixed) (G1 Evacuation Pause) 70M->48M(256M) 18.664ms",
            "[180.0s] GC(150) Pause Full (G1 Compaction Pause) 250M->40M(256M) 300.0ms");

    @Test
    void shouldReadEveryPauseWithItsHeapAfterGc() {
        GcLog gc = GcLog.parse(LOG);

        assertThat(gc.pauses()).extracting(GcLog.Pause::afterMb).containsExactly(4L, 190L, 48L, 40L);
        assertThat(gc.pauses().get(0).kind()).isEqualTo("Pause Young (Normal) (G1 Evacuation Pause)");
        assertThat(gc.fullCollections()).isEqualTo(1);
        assertThat(GcLog.maxAfter(gc.between(170, 200))).isEqualTo(190);
        assertThat(GcLog.minAfter(gc.between(170, 200))).isEqualTo(40);
    }
}

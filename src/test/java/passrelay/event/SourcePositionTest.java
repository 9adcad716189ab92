package passrelay.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourcePositionTest {

    @Test
    void shouldReadBackItsReference() {
        SourcePosition position = new SourcePosition("pass-updates-dlt", 11, 9_000_000_000L);

        assertThat(position.reference()).isEqualTo("pass-updates-dlt/11/9000000000");
        assertThat(SourcePosition.fromReference(position.reference())).contains(position);
    }

    @Test
    void shouldRefuseReferencesThatAreNoPosition() {
        assertThat(SourcePosition.fromReference(null)).isEmpty();
        assertThat(SourcePosition.fromReference("pass-updates")).isEmpty();
        assertThat(SourcePosition.fromReference("pass-updates/3")).isEmpty();
        assertThat(SourcePosition.fromReference("/3/4")).isEmpty();
        assertThat(SourcePosition.fromReference("t/x/4")).isEmpty();
        assertThat(SourcePosition.fromReference("t/-1/4")).isEmpty();
        assertThat(SourcePosition.fromReference("t/1/")).isEmpty();
    }
}

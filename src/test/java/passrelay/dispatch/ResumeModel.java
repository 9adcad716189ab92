package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every owner of each partition did, across epochs, and the guarantees resuming must keep: a skipped record
 * was published; after handovers that committed everything (no crash, nothing dropped for the size limit) no
 * record is done twice and every record an earlier owner started comes back as a possible re-send.
 */
final class ResumeModel {

    private final int metadataMaxChars;
    private final Map<SourcePartition, Set<Long>> published = new HashMap<>();
    private final Map<SourcePartition, Set<Long>> started = new HashMap<>();
    private final Map<SourcePartition, Long> highestStarted = new HashMap<>();
    private final Map<SourcePartition, CommitPoint> lastCommit = new HashMap<>();
    private final Set<SourcePartition> lossy = new HashSet<>();
    private int skipped;
    private int possibleResends;

    ResumeModel(int metadataMaxChars) {
        this.metadataMaxChars = metadataMaxChars;
    }

    /** Records skipped because an earlier owner finished them, all partitions, all epochs. */
    int skipped() {
        return skipped;
    }

    /** Records accepted as possible re-sends. */
    int possibleResends() {
        return possibleResends;
    }

    int metadataMaxChars() {
        return metadataMaxChars;
    }

    /** The marks the partition's next owner reads from the last commit. */
    ResumeMarks marks(SourcePartition partition) {
        CommitPoint commit = lastCommit.get(partition);
        if (commit == null) {
            return ResumeMarks.NONE;
        }
        ResumeMarksCodec.Decoded decoded = ResumeMarksCodec.decode(commit.offset(), commit.metadata());
        assertThat(decoded.ignoredBecause()).isEmpty();
        return decoded.marks();
    }

    /** Only finished records may be marked finished; marks that did not fit make later duplicates legitimate. */
    void committed(SourcePartition partition, CommitPoint commit, Set<Long> recordOffsets) {
        assertThat(commit.metadata().length()).isLessThanOrEqualTo(metadataMaxChars);
        lastCommit.put(partition, commit);
        if (commit.finishedDropped() > 0) {
            lossy.add(partition);
        }
        marks(partition).finished().stream().filter(recordOffsets::contains)
                .forEach(offset -> assertThat(isPublished(partition, offset))
                        .as("%s@%d marked finished but never published", partition, offset).isTrue());
    }

    /** The owner stopped without committing: what it did since its last commit may be done again. */
    void crashed(SourcePartition partition) {
        lossy.add(partition);
    }

    void skipped(SourcePartition partition, long offset) {
        skipped++;
        assertThat(isPublished(partition, offset)).as("%s@%d skipped but never published", partition, offset).isTrue();
    }

    /** A record read and accepted (for a call or settled), possibly for the second time. */
    void accepted(SourcePartition partition, long offset, boolean possibleResend) {
        if (!lossy.contains(partition)) {
            assertThat(isPublished(partition, offset)).as("%s@%d done twice", partition, offset).isFalse();
            if (started.getOrDefault(partition, Set.of()).contains(offset)) {
                assertThat(possibleResend).as("%s@%d was sent before", partition, offset).isTrue();
            }
        }
        if (possibleResend) {
            possibleResends++;
            assertThat(offset).as("%s@%d: no call got that far", partition, offset)
                    .isLessThanOrEqualTo(highestStarted.getOrDefault(partition, -1L));
        }
    }

    void started(SourcePartition partition, long offset) {
        started.computeIfAbsent(partition, p -> new HashSet<>()).add(offset);
        highestStarted.merge(partition, offset, Math::max);
    }

    void published(SourcePartition partition, long offset) {
        published.computeIfAbsent(partition, p -> new HashSet<>()).add(offset);
    }

    private boolean isPublished(SourcePartition partition, long offset) {
        return published.getOrDefault(partition, Set.of()).contains(offset);
    }
}

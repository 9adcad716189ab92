package passrelay.replay;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import passrelay.event.DeadLetter;

/**
 * Decides, record by record, whether a dead letter is replayed, and if not, why. The superseded index
 * is loaded when a record first needs it: a run that finds nothing to replay never reads the results topic.
 */
final class ReplayFilter {
    private final ReplayOptions options;
    private final Supplier<SupersededIndex> loadSuperseded;
    private SupersededIndex superseded;

    ReplayFilter(ReplayOptions options, Supplier<SupersededIndex> loadSuperseded) {
        this.options = options;
        this.loadSuperseded = loadSuperseded;
    }

    ReplayFilter(ReplayOptions options, SupersededIndex superseded) {
        this(options, () -> superseded);
    }

    /** Empty when the record is to be replayed; the first reason to skip it otherwise. */
    Optional<SkipReason> skip(DeadLetteredRecord candidate) {
        if (candidate.deadLetter().isEmpty()) {
            return Optional.of(SkipReason.UNREADABLE_HEADERS);
        }
        DeadLetter deadLetter = candidate.deadLetter().get();
        if (options.reason().isPresent() && options.reason().get() != deadLetter.reason()) {
            return Optional.of(SkipReason.REASON_FILTER);
        }
        if (options.resultCode().isPresent() && !options.resultCode().equals(deadLetter.resultCode())) {
            return Optional.of(SkipReason.RESULT_CODE_FILTER);
        }
        if (options.passId().isPresent() && !options.passId().equals(candidate.passId())) {
            return Optional.of(SkipReason.PASS_FILTER);
        }
        if (!inWindow(deadLetter.failedAt())) {
            return Optional.of(SkipReason.TIME_WINDOW);
        }
        if (candidate.passId().isPresent() && superseded().supersedes(candidate.passId().get(), deadLetter.failedAt())) {
            return Optional.of(SkipReason.SUPERSEDED);
        }
        return Optional.empty();
    }

    private SupersededIndex superseded() {
        if (superseded == null) {
            superseded = loadSuperseded.get();
        }
        return superseded;
    }

    private boolean inWindow(Instant failedAt) {
        return options.since().map(since -> !failedAt.isBefore(since)).orElse(true)
                && options.until().map(failedAt::isBefore).orElse(true);
    }
}

package passrelay.replay;

/** Why a dead-lettered record was not replayed; the summary counts each. */
enum SkipReason {
    UNREADABLE_HEADERS("unreadable-headers"),
    REASON_FILTER("reason filter"),
    RESULT_CODE_FILTER("result-code filter"),
    PASS_FILTER("pass filter"),
    TIME_WINDOW("time window"),
    SUPERSEDED("superseded"),
    /** Not read at all: the run stopped at {@code --limit}; the next run starts there. */
    LIMIT("limit (left for the next run)");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}

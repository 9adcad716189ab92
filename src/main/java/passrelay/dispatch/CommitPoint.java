package passrelay.dispatch;

/**
 * What to commit for one partition: the offset (next to read) and the metadata that carries the resume marks
 * for its next owner.
 *
 * @param offset           the lowest offset whose record still needs work
 * @param metadata         the encoded {@link ResumeMarks}, within the size limit asked for
 * @param finishedDropped  finished offsets that did not fit the limit (for a metric): if this owner stops now,
 *                         the next one redoes them
 */
public record CommitPoint(long offset, String metadata, long finishedDropped) {
}

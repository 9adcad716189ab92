package passrelay.dispatch;

/** A lane is one pass within one partition: the unit that runs strictly one call at a time, in order. */
record LaneKey(SourcePartition partition, String passId) {
}

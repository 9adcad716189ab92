package passrelay.dispatch;

/** A record that needs no call (malformed, invalid): pending until its outcome is published, in this epoch only. */
public record Settled(SourcePartition partition, long offset, long epoch) {
}

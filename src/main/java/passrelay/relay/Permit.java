package passrelay.relay;

/**
 * The breaker's leave for one call, kept until the call has an outcome. {@code generation} counts
 * the breaker's transitions, so a late outcome can tell whether the state it started in is still on.
 */
public record Permit(long generation, BreakerState state) {
}

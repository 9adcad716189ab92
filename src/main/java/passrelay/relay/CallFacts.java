package passrelay.relay;

import java.time.Duration;

/**
 * What the policy needs to know about the call that just ended.
 *
 * @param attempts           calls counted against the event's budget, this one included
 * @param earlier            what earlier calls of this event may have done
 * @param permit             the breaker's leave the call started with
 * @param elapsed            how long the call took
 * @param limitStamp         the concurrency limit's stamp for the call ({@link ConcurrencyLimit#started})
 */
public record CallFacts(String passId, String status, int attempts, EarlierCalls earlier, Permit permit,
                        Duration elapsed, long limitStamp) {
}

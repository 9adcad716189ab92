package passrelay.relay;

import java.time.Duration;

/**
 * What the policy needs to know about the call that just ended.
 *
 * @param attempts           calls counted against the event's budget, this one included
 * @param mayHaveTakenEffect an earlier call of this event may have been applied by AlipayHK: one ended
 *                           unknown, or the record may have been sent before a crash or a rebalance
 * @param permit             the breaker's leave the call started with
 * @param elapsed            how long the call took
 */
public record CallFacts(String passId, String status, int attempts, boolean mayHaveTakenEffect, Permit permit,
                        Duration elapsed) {
}

/**
 * A local stand-in for AlipayHK's updatePass (SPEC section 8), for the demo, tests and benchmarks.
 * Start it in-process with {@link passrelay.simulator.Simulator#start}, or as a process with
 * {@code passrelay simulator} ({@link passrelay.simulator.SimulatorFlags}).
 *
 * <h2>What a request goes through</h2>
 * <ol>
 *   <li>An active outage answers HTTP 503 (HTML) before anything else.</li>
 *   <li>The gateway checks ({@link passrelay.simulator.RequestGate}), each failing with HTTP 200 and a
 *       signed {@code F}: path ({@code INVALID_API}, HTTP 404), method ({@code METHOD_NOT_SUPPORTED}),
 *       {@code Client-Id} ({@code INVALID_CLIENT}), {@code Request-Time} ISO-8601 with offset
 *       ({@code PARAM_ILLEGAL}), {@code Content-Type} JSON, or text/plain when encrypted
 *       ({@code MEDIA_TYPE_NOT_ACCEPTABLE}), signature ({@code INVALID_SIGNATURE}; skipped without a
 *       client public key), decryption ({@code INVALID_SIGNATURE}: wrong keys are the caller's
 *       configuration, not the event's fault), body a JSON object ({@code PARAM_ILLEGAL}). Requests
 *       refused here are not recorded.</li>
 *   <li>Per pass, one at a time ({@link passrelay.simulator.UpdateDesk}): the next scripted answer if
 *       any, else a random fault (timeout, HTTP 5xx, 429, U) drawn from the seeded dice, else the field
 *       rules of SPEC section 2 ({@code PARAM_ILLEGAL} naming the field), the test hook (a
 *       {@code userId} starting with {@code no-such-user} is {@code USER_NOT_EXIST}) and the pass's state
 *       machine ({@link passrelay.simulator.PassState}). Every request that gets this far is recorded
 *       as an {@link passrelay.simulator.Arrival}, faulted ones included.</li>
 *   <li>The answer is signed (when the simulator has a private key), encrypted for the client when
 *       the request was and the client's key is RSA, and sent after the configured latency.</li>
 * </ol>
 *
 * <p>Faults never apply the update, except a script marked {@code applied}: that is how a test makes
 * a {@code U} that took effect. The sun HTTP server spells response header names its own way
 * ({@code Response-time}); header names are case-insensitive, as SPEC section 3 says.
 *
 * <p>The admin endpoint ({@link passrelay.simulator.AdminEndpoint}) changes all of this while the
 * simulator runs.
 */
package passrelay.simulator;

package passrelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One authenticated updatePass request, as the simulator received and answered it. Per pass,
 * arrivals are recorded in the order the pass processed them, and {@code sequence} (global, from 1)
 * increases in that order.
 *
 * @param passId       {@code update.passId}; empty text when the body had none
 * @param status       {@code update.status} as sent, empty text when absent
 * @param update       the decoded (decrypted) request body
 * @param httpStatus   the HTTP status answered; 0 when the request was held without an answer
 * @param resultStatus the answered {@code resultStatus}, when the answer carried one
 * @param resultCode   the answered {@code resultCode}, when the answer carried one
 * @param fault        the fault injected instead of (or, for an applied script, on top of) normal processing
 * @param applied      whether the update changed the pass's state
 */
public record Arrival(long sequence, String passId, String status, JsonNode update, int httpStatus,
                      Optional<String> resultStatus, Optional<String> resultCode, Optional<InjectedFault> fault,
                      boolean applied) {
}

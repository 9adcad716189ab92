package passrelay.alipay;

import java.util.Optional;

/**
 * One updatePass call in full, for the {@code call} command and for diagnosis. {@code request} is empty
 * only when the request could not be built; {@code response} is empty when none came back.
 */
public record Exchange(Optional<SignedRequest> request, Optional<ReceivedResponse> response, CallOutcome outcome) {
}

package passrelay.event;

import java.util.Objects;
import java.util.Optional;

/** What a record value turned out to be: {@link Malformed}, {@link Invalid} or {@link Valid} (SPEC section 2). */
public sealed interface DecodedEvent {

    /**
     * Not a usable event at all: it goes to the DLT, nothing is called, no results record is written.
     *
     * @param reason  why, quoting at most a short excerpt of the input
     * @param eventId the eventId, when it could be read (for the DLT header)
     */
    record Malformed(String reason, Optional<String> eventId) implements DecodedEvent {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(eventId, "eventId");
        }

        public Malformed(String reason) {
            this(reason, Optional.empty());
        }
    }

    /** Well-formed, but breaks a field rule: results record F / PARAM_ILLEGAL, nothing is called. */
    record Invalid(PassUpdateEvent event, String message) implements DecodedEvent {
        public Invalid {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Ready to be sent to AlipayHK. */
    record Valid(PassUpdateEvent event) implements DecodedEvent {
        public Valid {
            Objects.requireNonNull(event, "event");
        }
    }
}

package passrelay.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoded pass-update event (SPEC section 2).
 *
 * @param eventId    the publisher's id: the idempotency and trace key
 * @param occurredAt when the publisher says it happened, when it said so
 * @param update     the updatePass request body, the default merchantId applied; unknown fields kept in order
 * @param passId     {@code update.passId}: what orders the event among others
 * @param status     {@code update.status} as text; on an invalid event it may be anything (or empty if absent)
 */
public record PassUpdateEvent(String eventId, Optional<Instant> occurredAt, ObjectNode update, String passId,
                              String status) {

    public PassUpdateEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(status, "status");
        update = Objects.requireNonNull(update, "update").deepCopy();
    }

    /** A copy of the request body: callers may change it without touching the event. */
    @Override
    public ObjectNode update() {
        return update.deepCopy();
    }
}

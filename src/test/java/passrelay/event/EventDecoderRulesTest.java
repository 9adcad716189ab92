package passrelay.event;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.event.SampleEvents.decode;
import static passrelay.event.SampleEvents.updateOf;
import static passrelay.event.SampleEvents.validUpdateEvent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import passrelay.event.DecodedEvent.Invalid;
import passrelay.event.DecodedEvent.Valid;

/** One test per field rule of SPEC section 2: a well-formed event breaking it is Invalid, naming the field. */
class EventDecoderRulesTest {

    @Test
    void shouldDecodeTheSpecExampleAsValid() {
        DecodedEvent decoded = decode(validUpdateEvent());

        assertThat(decoded).isInstanceOf(Valid.class);
        PassUpdateEvent event = ((Valid) decoded).event();
        assertThat(event.eventId()).isEqualTo("5f0c7e8a-1b9e-4c33-9a51-5b1d2f9e0a11");
        assertThat(event.occurredAt()).contains(Instant.parse("2026-11-25T10:15:30.123Z"));
        assertThat(event.passId()).isEqualTo(SampleEvents.PASS_ID);
        assertThat(event.status()).isEqualTo("UPDATE");
        assertThat(event.update()).isEqualTo(updateOf(validUpdateEvent()));
    }

    @Test
    void shouldRejectAnEventIdLongerThan128Characters() {
        ObjectNode event = validUpdateEvent().put("eventId", "e".repeat(129));

        assertInvalidNaming(event, "eventId");
    }

    @Test
    void shouldAcceptAnEventIdOf128Characters() {
        assertThat(decode(validUpdateEvent().put("eventId", "e".repeat(128)))).isInstanceOf(Valid.class);
    }

    @Test
    void shouldRejectAnOccurredAtThatIsNotAnInstant() {
        assertInvalidNaming(validUpdateEvent().put("occurredAt", "yesterday"), "occurredAt");
        assertInvalidNaming(validUpdateEvent().put("occurredAt", "2026-11-25T10:15:30"), "occurredAt");
        assertInvalidNaming(validUpdateEvent().put("occurredAt", 1764065730123L), "occurredAt");
    }

    @Test
    void shouldAcceptAnAbsentOccurredAtOrOneWithAnOffset() {
        ObjectNode withOffset = validUpdateEvent().put("occurredAt", "2026-11-25T18:15:30.123+08:00");
        ObjectNode without = validUpdateEvent();
        without.remove("occurredAt");

        assertThat(((Valid) decode(withOffset)).event().occurredAt()).contains(Instant.parse("2026-11-25T10:15:30.123Z"));
        assertThat(((Valid) decode(without)).event().occurredAt()).isEmpty();
    }

    @Test
    void shouldRequireAMerchantIdWhenNoDefaultIsConfigured() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).remove("merchantId");

        Invalid invalid = assertInvalidNaming(event, "update.merchantId");
        assertThat(invalid.message()).contains("ALIPAYHK_MERCHANT_ID");
    }

    @Test
    void shouldRejectAMerchantIdThatIsNotAString() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("merchantId", 2160120041113167L);

        assertInvalidNaming(event, "update.merchantId");
    }

    @Test
    void shouldRequireAUserIdOrAnOpenId() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).remove("userId");

        Invalid invalid = assertInvalidNaming(event, "update.userId");
        assertThat(invalid.message()).contains("update.openId");
    }

    @Test
    void shouldAcceptAnOpenIdInsteadOfAUserId() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).remove("userId");
        updateOf(event).put("openId", "open-42");

        assertThat(decode(event)).isInstanceOf(Valid.class);
    }

    @Test
    void shouldRejectAUserIdThatIsNotAString() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("openId", "open-42").put("userId", 42);

        assertInvalidNaming(event, "update.userId");
    }

    @Test
    void shouldRejectAPassIdLongerThan128Characters() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("passId", "p".repeat(129));

        assertInvalidNaming(event, "update.passId");
    }

    @Test
    void shouldRequireAStatus() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).remove("status");

        Invalid invalid = assertInvalidNaming(event, "update.status");
        assertThat(invalid.event().status()).isEmpty();
    }

    @Test
    void shouldRejectAStatusOutsideTheEnumAndKeepItOnTheEvent() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("status", "EXPIRED");

        Invalid invalid = assertInvalidNaming(event, "update.status");
        assertThat(invalid.event().status()).isEqualTo("EXPIRED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"USED", "CLOSED", "REFUND"})
    void shouldNotRequireTheUpdateFieldsForOtherStatuses(String status) {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("status", status).remove(List.of("updateDetailType", "bizDate", "dataInfo"));

        assertThat(decode(event)).isInstanceOf(Valid.class);
    }

    @Test
    void shouldRequireAnUpdateDetailTypeWhenStatusIsUpdate() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).remove("updateDetailType");

        assertInvalidNaming(event, "update.updateDetailType");
    }

    @Test
    void shouldRejectAnUnknownUpdateDetailType() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("updateDetailType", "UPDATE_CONCERT");

        assertInvalidNaming(event, "update.updateDetailType");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE_AIR_TICKET", "UPDATE_TRAIN_TICKET", "UPDATE_BUS_TICKET", "UPDATE_SHIP_TICKET",
            "UPDATE_MOVIE", "UPDATE_PASS"})
    void shouldAcceptEveryDocumentedUpdateDetailType(String type) {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("updateDetailType", type);

        assertThat(decode(event)).isInstanceOf(Valid.class);
    }

    @Test
    void shouldRequireABizDateWhenStatusIsUpdate() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).remove("bizDate");

        assertInvalidNaming(event, "update.bizDate");
    }

    @Test
    void shouldRejectABizDateThatIsNotEpochMilliseconds() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("bizDate", "2026-11-25");

        assertInvalidNaming(event, "update.bizDate");
    }

    @Test
    void shouldRequireADataInfoObjectWhenStatusIsUpdate() {
        ObjectNode missing = validUpdateEvent();
        updateOf(missing).remove("dataInfo");
        ObjectNode notAnObject = validUpdateEvent();
        updateOf(notAnObject).put("dataInfo", "seat H12");

        assertInvalidNaming(missing, "update.dataInfo");
        assertInvalidNaming(notAnObject, "update.dataInfo");
    }

    @Test
    void shouldRejectAnEndDateThatIsNotEpochMilliseconds() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("status", "USED").put("endDate", "tomorrow");

        assertInvalidNaming(event, "update.endDate");
    }

    @Test
    void shouldQuoteNoMoreThanAShortExcerptOfABadValue() {
        ObjectNode event = validUpdateEvent();
        updateOf(event).put("status", "X".repeat(10_000));

        Invalid invalid = assertInvalidNaming(event, "update.status");
        assertThat(invalid.message()).doesNotContain("X".repeat(41)).hasSizeLessThan(200);
        assertThat(invalid.event().status()).hasSizeLessThanOrEqualTo(40);
    }

    private static Invalid assertInvalidNaming(ObjectNode event, String field) {
        DecodedEvent decoded = decode(event);
        assertThat(decoded).isInstanceOf(Invalid.class);
        Invalid invalid = (Invalid) decoded;
        assertThat(invalid.message()).contains(field);
        assertThat(invalid.event().eventId()).isEqualTo(event.get("eventId").textValue());
        assertThat(invalid.event().passId()).isEqualTo(updateOf(event).get("passId").textValue());
        return invalid;
    }
}

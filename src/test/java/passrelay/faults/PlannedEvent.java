package passrelay.faults;

/**
 * One event of a fault run, with the outcome it must end with.
 *
 * @param expected     S for a healthy pass, U (and a dead letter) for a sick one, F for an invalid event
 * @param expectedCode the result code a final F must carry (PARAM_ILLEGAL), or empty text
 */
record PlannedEvent(String passId, int seq, String eventId, String status, byte[] value, String expected,
                    String expectedCode) {

    boolean invalid() {
        return expected.equals("F");
    }
}

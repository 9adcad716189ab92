package passrelay.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** Turns the JSON parser's complaints into reasons that quote no more than a short excerpt of the input. */
final class ParseFailure {
    private static final int MAX_REASON = 200;

    private ParseFailure() {
    }

    static String describe(JsonProcessingException failure) {
        String detail = firstLine(failure.getOriginalMessage());
        if (failure instanceof StreamConstraintsException) {
            return "record value exceeds a parser limit: " + detail;
        }
        if (detail.startsWith("Duplicate field")) {
            return "record value has a duplicate key" + duplicateName(failure);
        }
        // The parser quotes at most Json.MAX_QUOTED_INPUT characters of a bad token; the cap is a backstop.
        return Excerpt.of("record value is not valid JSON: " + detail, MAX_REASON);
    }

    private static String duplicateName(JsonProcessingException failure) {
        if (failure.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String name = parser.getParsingContext().getCurrentName();
            return name == null ? "" : " " + Excerpt.quoted(name);
        }
        return "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

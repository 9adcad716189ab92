package passrelay.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Pattern;

/**
 * Turns the JSON parser's complaints into one-line reasons: where (line and column) and what, without the
 * parser's source dump or Java names, quoting no more than a short excerpt of the input.
 */
public final class ParseFailure {
    private static final int MAX_REASON = 200;
    /** How Jackson names a position inside a message: {@code [Source: ...; line: 1, column: 5]}. */
    private static final Pattern SOURCE_POSITION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");
    /** Java names in backquotes ({@code (bound as `...JsonNode`)}, {@code , from `StreamReadConstraints...`}). */
    private static final Pattern JAVA_NAMES = Pattern.compile(" ?\\(bound as `[^`]*`\\)|, from `[^`]*`");

    private ParseFailure() {
    }

    /** The reason a record value is malformed, for the dead-letter headers. */
    static String describe(JsonProcessingException failure) {
        return describe("record value", failure);
    }

    /**
     * One line saying why {@code subject} did not parse, e.g. {@code event.json is not valid JSON at line 1,
     * column 5: Unexpected character ...}; at most 200 characters.
     */
    public static String describe(String subject, JsonProcessingException failure) {
        String detail = detail(failure);
        String reason;
        if (failure instanceof StreamConstraintsException) {
            reason = subject + " exceeds a parser limit: " + detail;
        } else if (detail.startsWith("Duplicate field")) {
            reason = subject + " has a duplicate key" + duplicateName(failure) + where(failure);
        } else {
            // The parser quotes at most Json.MAX_QUOTED_INPUT characters of a bad token; the cap is a backstop.
            reason = subject + " is not valid JSON" + where(failure) + ": " + detail;
        }
        return Excerpt.of(reason, MAX_REASON);
    }

    private static String detail(JsonProcessingException failure) {
        String detail = firstLine(failure.getOriginalMessage());
        if (detail.startsWith("Trailing token")) {
            return "more data after the end of the JSON value";
        }
        detail = SOURCE_POSITION.matcher(detail).replaceAll("line $1, column $2");
        return JAVA_NAMES.matcher(detail).replaceAll("");
    }

    private static String where(JsonProcessingException failure) {
        JsonLocation location = failure.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
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

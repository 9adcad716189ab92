package passrelay.event;

/** Bounded excerpts of outside text, so messages, logs and headers never carry whole payloads. */
final class Excerpt {
    private static final String MORE = "...";

    private Excerpt() {
    }

    /**
     * {@code text} itself when at most {@code max} characters long, otherwise its start ending in
     * "..." and exactly {@code max} long (so cutting twice changes nothing). Never splits a surrogate pair.
     */
    static String of(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - MORE.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + MORE;
    }

    /** An excerpt short enough to quote attacker-controlled input in a message. */
    static String quoted(String text) {
        return "'" + of(text, Json.MAX_QUOTED_INPUT) + "'";
    }
}

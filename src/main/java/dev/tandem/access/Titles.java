package dev.tandem.access;

import java.util.Optional;

/**
 * What a document's title may be: any characters people write, trimmed, up to
 * {@value #MAX_CODE_POINTS} code points (a longer one is refused, never cut), no control
 * characters. An empty title is no title: the page then shows the document's id.
 */
public final class Titles {
    public static final int MAX_CODE_POINTS = 200;

    private Titles() {
    }

    /** {@code title} as kept (empty: no title), or why it is refused. */
    public static Optional<String> problem(String title) {
        if (title == null) {
            return Optional.empty();
        }
        String trimmed = title.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_CODE_POINTS) {
            return Optional.of("a title has at most " + MAX_CODE_POINTS + " characters");
        }
        if (trimmed.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.SURROGATE || c == '\u2028' || c == '\u2029')) {
            return Optional.of("a title is one line of text, without control characters");
        }
        return Optional.empty();
    }

    /** {@code title} as kept: trimmed, null if empty. Call only once {@link #problem} found none. */
    public static String kept(String title) {
        String trimmed = title == null ? "" : title.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}

package dev.tandem.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/** A document's id, as its addresses carry it: 1 to 64 of {@code A-Z a-z 0-9 - _}. */
public record DocumentId(String value) {
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** What an id may be, for people. */
    public static final String RULE_TEXT = "a document id has 1 to 64 letters, digits, '-' or '_'";

    /** @throws IllegalArgumentException if {@code value} breaks the rule */
    public DocumentId {
        if (value == null || !RULE.matcher(value).matches()) {
            throw new IllegalArgumentException(RULE_TEXT);
        }
    }

    /** The id {@code text} is, or empty if it is none. */
    public static Optional<DocumentId> parse(String text) {
        return text != null && RULE.matcher(text).matches() ? Optional.of(new DocumentId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}

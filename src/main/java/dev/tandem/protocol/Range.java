package dev.tandem.protocol;

/** A selection: from {@code anchor} to {@code head} (the caret), in code points; equal for a bare caret. */
public record Range(int anchor, int head) {
    public Range {
        if (anchor < 0 || head < 0) {
            throw new IllegalArgumentException("a selection cannot start before the text: " + anchor + ".." + head);
        }
    }
}

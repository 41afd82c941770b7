package dev.tandem.ot;

/** Walks an operation's components, consuming them a part at a time. */
final class ComponentCursor {
    private final TextOperation operation;
    private final int size;
    private int index;
    private int consumed;

    ComponentCursor(TextOperation operation) {
        this.operation = operation;
        this.size = operation.size();
    }

    boolean done() {
        return index == size;
    }

    boolean isRetain() {
        return index < size && operation.span(index) > 0;
    }

    boolean isInsert() {
        return index < size && operation.span(index) == 0;
    }

    boolean isDelete() {
        return index < size && operation.span(index) < 0;
    }

    /** What is left of the current component, in code points. */
    int remaining() {
        return length() - consumed;
    }

    /** The next {@code length} code points of the current insert, consumed. */
    Rope takeText(int length) {
        Rope taken = operation.text(index).slice(consumed, consumed + length);
        skip(length);
        return taken;
    }

    /** Consumes {@code length} code points of the current component. */
    void skip(int length) {
        consumed += length;
        if (consumed == length()) {
            index++;
            consumed = 0;
        }
    }

    private int length() {
        int span = operation.span(index);
        return span > 0 ? span : span < 0 ? -span : operation.text(index).length();
    }
}

package dev.tandem.ot;

import dev.tandem.ot.Component.Delete;
import dev.tandem.ot.Component.Insert;
import dev.tandem.ot.Component.Retain;

/** Walks an operation's components, consuming them a part at a time. */
final class ComponentCursor {
    private final TextOperation operation;
    private int index;
    private int consumed;

    ComponentCursor(TextOperation operation) {
        this.operation = operation;
    }

    boolean done() {
        return index == operation.size();
    }

    boolean isRetain() {
        return !done() && current() instanceof Retain;
    }

    boolean isInsert() {
        return !done() && current() instanceof Insert;
    }

    boolean isDelete() {
        return !done() && current() instanceof Delete;
    }

    /** What is left of the current component, in code points. */
    int remaining() {
        return current().length() - consumed;
    }

    /** The next {@code length} code points of the current insert, consumed. */
    Rope takeText(int length) {
        Rope text = ((Insert) current()).text();
        Rope taken = text.slice(consumed, consumed + length);
        skip(length);
        return taken;
    }

    /** Consumes {@code length} code points of the current component. */
    void skip(int length) {
        consumed += length;
        if (consumed == current().length()) {
            index++;
            consumed = 0;
        }
    }

    private Component current() {
        return operation.component(index);
    }
}

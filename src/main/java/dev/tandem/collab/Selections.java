package dev.tandem.collab;

import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.Range;
import java.util.ArrayList;
import java.util.List;

/** Selections moved through edits. */
final class Selections {
    private Selections() {
    }

    /**
     * {@code ranges} in the text after {@code op}; {@code own} when the selection's owner made
     * the edit (its caret then goes after its own insert).
     */
    static List<Range> transform(List<Range> ranges, TextOperation op, boolean own) {
        if (ranges.isEmpty()) {
            return ranges;
        }
        List<Range> moved = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            moved.add(new Range(op.transformPosition(range.anchor(), own), op.transformPosition(range.head(), own)));
        }
        return moved;
    }
}

package dev.tandem.ot;

/** Composition: one operation with the effect of two consecutive ones. */
final class Composer {
    private Composer() {
    }

    static TextOperation compose(TextOperation first, TextOperation second) {
        if (first.targetLength() != second.baseLength()) {
            throw new IllegalArgumentException("cannot compose: the first operation yields "
                    + first.targetLength() + " code points, the second applies to " + second.baseLength());
        }
        TextOperation.Builder composed = TextOperation.builder(first.size() + second.size());
        ComponentCursor a = new ComponentCursor(first);
        ComponentCursor b = new ComponentCursor(second);
        while (!a.done() || !b.done()) {
            if (a.isDelete()) {
                composed.delete(a.remaining());
                a.skip(a.remaining());
            } else if (b.isInsert()) {
                composed.insert(b.takeText(b.remaining()));
            } else {
                // a retains or inserts what b retains or deletes
                int length = Math.min(a.remaining(), b.remaining());
                if (a.isRetain()) {
                    if (b.isRetain()) {
                        composed.retain(length);
                    } else {
                        composed.delete(length);
                    }
                    a.skip(length);
                } else if (b.isRetain()) {
                    composed.insert(a.takeText(length));
                } else {
                    a.skip(length); // inserted, then deleted: nothing is left
                }
                b.skip(length);
            }
        }
        return composed.build();
    }
}

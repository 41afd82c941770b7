package dev.tandem.ot;

/** Transformation of two concurrent operations against each other. */
final class Transformer {
    private Transformer() {
    }

    static TransformedPair transform(TextOperation a, TextOperation b) {
        if (a.baseLength() != b.baseLength()) {
            throw new IllegalArgumentException("cannot transform: the operations apply to texts of "
                    + a.baseLength() + " and " + b.baseLength() + " code points");
        }
        TextOperation.Builder aPrime = TextOperation.builder();
        TextOperation.Builder bPrime = TextOperation.builder();
        ComponentCursor x = new ComponentCursor(a);
        ComponentCursor y = new ComponentCursor(b);
        while (!x.done() || !y.done()) {
            if (x.isInsert()) {
                // a's insert goes first when both insert at the same place: the tie-break
                int length = x.remaining();
                aPrime.insert(x.takeText(length));
                bPrime.retain(length);
            } else if (y.isInsert()) {
                int length = y.remaining();
                aPrime.retain(length);
                bPrime.insert(y.takeText(length));
            } else {
                int length = Math.min(x.remaining(), y.remaining());
                if (x.isRetain() && y.isRetain()) {
                    aPrime.retain(length);
                    bPrime.retain(length);
                } else if (x.isDelete() && y.isRetain()) {
                    aPrime.delete(length);
                } else if (x.isRetain()) {
                    bPrime.delete(length);
                } // both delete the same text: neither needs to
                x.skip(length);
                y.skip(length);
            }
        }
        return new TransformedPair(aPrime.build(), bPrime.build());
    }
}

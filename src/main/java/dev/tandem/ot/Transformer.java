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
        TransformedPair keystrokes = transformSingleSites(a, b);
        return keystrokes != null ? keystrokes : transformGeneral(a, b);
    }

    /**
     * The common case in closed form: two edits at one place each whose results are again edits at
     * one place. Gives exactly what {@link #transformGeneral} gives, or null to defer to it.
     */
    static TransformedPair transformSingleSites(TextOperation a, TextOperation b) {
        int pa = a.singleSite();
        int pb = b.singleSite();
        if (pa < 0 || pb < 0) {
            return null;
        }
        Rope ia = a.singleSiteInsert();
        Rope ib = b.singleSiteInsert();
        int da = a.singleSiteDelete();
        int db = b.singleSiteDelete();
        int la = ia.length();
        int lb = ib.length();
        if (pa + da <= pb) {
            // a's edit ends where b's begins or before: at one place, a's insert comes first
            return new TransformedPair(
                    TextOperation.edit(pa, ia, da, b.targetLength()),
                    TextOperation.edit(pb - da + la, ib, db, a.targetLength()));
        }
        if (pb + db <= pa && !(pb == pa && la > 0)) {
            return new TransformedPair(
                    TextOperation.edit(pa - db + lb, ia, da, b.targetLength()),
                    TextOperation.edit(pb, ib, db, a.targetLength()));
        }
        return null; // overlapping edits: one may split the other
    }

    static TransformedPair transformGeneral(TextOperation a, TextOperation b) {
        int capacity = a.size() + b.size();
        TextOperation.Builder aPrime = TextOperation.builder(capacity);
        TextOperation.Builder bPrime = TextOperation.builder(capacity);
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

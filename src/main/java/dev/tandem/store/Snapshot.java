package dev.tandem.store;

import dev.tandem.ot.Rope;

/** A document's text as of {@code revision}. */
public record Snapshot(Rope text, long revision) {
    public static final Snapshot EMPTY = new Snapshot(Rope.empty(), 0);
}

package dev.tandem.store;

import dev.tandem.ot.Rope;
import java.util.List;

/** Edits of one document to store, of consecutive revisions, with its text after the last of them. */
public record Append(String documentId, List<LoggedEdit> edits, Rope textAfter) {
}

package dev.tandem.protocol;

import dev.tandem.ot.TextOperation;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The answers of the history API (docs/protocol.md, "History"), written by {@link MessageCodec}. */
public sealed interface HistoryAnswer {

    /** {@code {"revision": 2, "text": "ab"}}: the text at a revision. */
    record TextAt(long revision, String text) implements HistoryAnswer {
    }

    /** {@code {"edits": [...]}}: stored edits, oldest first. */
    record Edits(List<Edit> edits) implements HistoryAnswer {
    }

    /**
     * One stored edit: from which client ({@code clientId}, {@code seq}), what it did, when (ISO
     * 8601, UTC), and by whom: {@code author}, the signed-in person's user name (absent for a
     * guest), and {@code authorName}, the name shown for them (absent for edits from before names
     * were kept).
     */
    @JsonbPropertyOrder({"revision", "clientId", "seq", "op", "time", "author", "authorName"})
    record Edit(long revision, String clientId, long seq, TextOperation op, String time, String author,
            String authorName) {
    }

    /** {@code {"error": "..."}}: why there is no answer. */
    record Failure(String error) implements HistoryAnswer {
    }
}

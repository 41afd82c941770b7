package dev.tandem.store;

import dev.tandem.ot.TextOperation;
import java.time.Instant;

/**
 * One applied edit as the log keeps it: {@code op} turned revision {@code revision - 1} into
 * {@code revision}. {@code author} is the signed-in person who made it (null: a guest, or an edit
 * from before people signed in), {@code authorName} the name shown for them then.
 */
public record LoggedEdit(long revision, String clientId, long seq, TextOperation op, Instant time, String author,
        String authorName) {

    /** An edit with no known author. */
    public LoggedEdit(long revision, String clientId, long seq, TextOperation op, Instant time) {
        this(revision, clientId, seq, op, time, null, null);
    }
}

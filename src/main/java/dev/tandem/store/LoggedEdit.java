package dev.tandem.store;

import dev.tandem.ot.TextOperation;
import java.time.Instant;

/** One applied edit as the log keeps it: {@code op} turned revision {@code revision - 1} into {@code revision}. */
public record LoggedEdit(long revision, String clientId, long seq, TextOperation op, Instant time) {
}

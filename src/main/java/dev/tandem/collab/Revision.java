package dev.tandem.collab;

import dev.tandem.ot.TextOperation;

/** One applied edit: {@code op} turned revision {@code number - 1} into {@code number}. */
record Revision(long number, String clientId, long seq, TextOperation op) {
}

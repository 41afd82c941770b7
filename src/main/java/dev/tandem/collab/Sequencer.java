package dev.tandem.collab;

import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.protocol.Range;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.StoredDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of one document's edits: its text, its recent revisions, and the last edit applied
 * for each client. An edit is transformed past the revisions its author had not seen and applied
 * as the next revision; an edit applied already is recognised by its (client id, seq) and not
 * applied again. Pure: no I/O, no threads, not thread-safe (its document's lock guards it).
 */
final class Sequencer {
    /** How many clients' last edits are remembered to recognise a resent edit. */
    private static final int REMEMBERED_CLIENTS = 10_000;

    private final int maxDocumentCodePoints;
    private Rope text;
    private final History history;
    /** Per client id: its last applied edit. */
    private final Map<String, Applied> lastEdits = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Applied> eldest) {
            return size() > REMEMBERED_CLIENTS;
        }
    };

    /** What became of a submitted edit. */
    sealed interface Outcome {
    }

    /** Applied now, as {@code revision}. */
    record Accepted(Revision revision) implements Outcome {
    }

    /** Applied before, as {@code revision}: a resent edit whose ack was lost. */
    record Applied(long seq, long revision) implements Outcome {
    }

    /**
     * Starts from the document as stored, with its recent edits as history: at most
     * {@code historyWindow} revisions, and at most {@code historyMaxBytes} of them.
     */
    Sequencer(StoredDocument document, int historyWindow, long historyMaxBytes, int maxDocumentCodePoints) {
        this.maxDocumentCodePoints = maxDocumentCodePoints;
        this.text = document.latest().text();
        List<LoggedEdit> recent = document.recent();
        this.history = new History(document.latest().revision() - recent.size(), historyWindow, historyMaxBytes);
        for (LoggedEdit edit : recent) {
            history.add(new Revision(edit.revision(), edit.clientId(), edit.seq(), edit.op()));
            lastEdits.put(edit.clientId(), new Applied(edit.seq(), edit.revision()));
        }
    }

    Rope text() {
        return text;
    }

    /** The current revision. */
    long latest() {
        return history.latest();
    }

    /** The oldest revision an edit may be based on. */
    long oldest() {
        return history.oldest();
    }

    /** The seq of the last edit applied for {@code clientId}, or null if none is remembered. */
    Long lastSeq(String clientId) {
        Applied last = lastEdits.get(clientId);
        return last == null ? null : last.seq();
    }

    /**
     * Applies {@code edit} of {@code clientId}, or recognises it as applied already.
     *
     * @throws ProtocolException if it cannot be applied; nothing changes then
     */
    Outcome submit(String clientId, ClientMessage.Edit edit) throws ProtocolException {
        Applied last = lastEdits.get(clientId);
        if (last != null && edit.seq() <= last.seq()) {
            if (edit.seq() == last.seq()) {
                return last;
            }
            throw new ProtocolException(ErrorCode.STALE_EDIT, "edit " + edit.seq()
                    + " is older than this client's edit " + last.seq() + ", which is already applied");
        }
        if (edit.revision() > history.latest()) {
            throw new ProtocolException(ErrorCode.REVISION_IN_FUTURE, "the edit is based on revision "
                    + edit.revision() + " but the document is at revision " + history.latest());
        }
        if (edit.revision() < history.oldest()) {
            throw new ProtocolException(ErrorCode.REVISION_TOO_OLD, "the edit is based on revision "
                    + edit.revision() + ", older than the " + (history.latest() - history.oldest())
                    + " revisions kept; join again to get the current text", true);
        }
        TextOperation op = edit.op();
        int lengthThen = lengthAt(edit.revision());
        if (op.baseLength() != lengthThen) {
            throw new ProtocolException(ErrorCode.BAD_OPERATION, "the operation spans " + op.baseLength()
                    + " code points but the document had " + lengthThen + " at revision " + edit.revision());
        }
        for (long number = edit.revision() + 1; number <= history.latest(); number++) {
            op = TextOperation.transform(op, history.get(number).op()).aPrime();
        }
        if (op.targetLength() > maxDocumentCodePoints) {
            throw new ProtocolException(ErrorCode.DOCUMENT_TOO_LARGE, "the edit would make the document "
                    + op.targetLength() + " code points long; the limit is " + maxDocumentCodePoints);
        }
        text = op.apply(text);
        Revision revision = new Revision(history.latest() + 1, clientId, edit.seq(), op);
        history.add(revision);
        lastEdits.put(clientId, new Applied(edit.seq(), revision.number()));
        return new Accepted(revision);
    }

    /**
     * Selections given in the text at {@code revision}, moved to the latest text.
     *
     * @throws ProtocolException if that revision is not kept or a range lies outside its text
     */
    List<Range> toLatest(long revision, List<Range> ranges) throws ProtocolException {
        if (revision > history.latest() || revision < history.oldest()) {
            throw new ProtocolException(ErrorCode.REVISION_IN_FUTURE, "a selection at revision "
                    + revision + " cannot be placed; the document is at " + history.latest());
        }
        int length = lengthAt(revision);
        for (Range range : ranges) {
            if (range.anchor() > length || range.head() > length) {
                throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "selection " + range.anchor() + ".."
                        + range.head() + " lies outside the text of " + length + " code points");
            }
        }
        List<Range> moved = ranges;
        for (long number = revision + 1; number <= history.latest(); number++) {
            moved = Selections.transform(moved, history.get(number).op(), false);
        }
        return moved;
    }

    /**
     * Whether a client at {@code revision} can be brought up to date by replaying at most
     * {@code maxReplay} kept revisions.
     */
    boolean canReplayFrom(long revision, long maxReplay) {
        return revision >= history.oldest() && revision <= history.latest() && history.latest() - revision < maxReplay;
    }

    /** The kept revisions after {@code revision}, oldest first. */
    List<Revision> since(long revision) {
        List<Revision> revisions = new ArrayList<>((int) (history.latest() - revision));
        for (long number = revision + 1; number <= history.latest(); number++) {
            revisions.add(history.get(number));
        }
        return revisions;
    }

    /** The document's length at a kept revision. */
    private int lengthAt(long revision) {
        return revision == history.latest() ? text.length() : history.get(revision + 1).op().baseLength();
    }
}

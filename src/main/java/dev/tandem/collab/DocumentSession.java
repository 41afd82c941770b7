package dev.tandem.collab;

import dev.tandem.protocol.CloseCode;
import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Peer;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.protocol.Range;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.store.DocumentStore;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.Snapshot;
import dev.tandem.store.StoredDocument;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open document: its text, recent history and participants. Every change happens under this
 * object's lock, which orders the document's edits; other documents have locks of their own.
 * Nothing here blocks: messages go to participants' outboxes, which send asynchronously.
 *
 * <p>An edit is acknowledged only once the store has it. Edits apply at once (later edits are
 * transformed against them), are written to the store in batches (one transaction for all that
 * came while the previous batch was being written), and every message sent after an edit, to
 * anyone, waits until that edit is stored: nobody sees a revision that a crash could take back.
 */
final class DocumentSession {
    private static final Logger LOG = Logger.getLogger(DocumentSession.class.getName());
    /** How many clients' last edits are remembered to recognise a resent edit. */
    private static final int REMEMBERED_CLIENTS = 10_000;

    final String id;
    private final Limits limits;
    private final MessageCodec codec;
    private Rope text;
    private final History history;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    /** Per client id: the last edit applied (seq, revision). */
    private final Map<String, long[]> lastEdits = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > REMEMBERED_CLIENTS;
        }
    };
    private final DocumentStore store;
    /** The latest revision the store has. */
    private long stored;
    private final List<LoggedEdit> unstored = new ArrayList<>();
    private boolean storing;
    /** Messages waiting for the revision they follow to be stored, in the order they were sent. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private boolean released;
    private long emptySince;

    private record Held(Outbox outbox, String message, long after) {
    }

    DocumentSession(String id, StoredDocument document, DocumentStore store, Limits limits, MessageCodec codec,
            long now) {
        this.id = id;
        this.store = store;
        this.limits = limits;
        this.codec = codec;
        this.text = document.latest().text();
        this.stored = document.latest().revision();
        List<LoggedEdit> recent = document.recent();
        this.history = new History(stored - recent.size(), limits.historyWindow());
        for (LoggedEdit edit : recent) {
            history.add(new Revision(edit.revision(), edit.clientId(), edit.seq(), edit.op()));
            lastEdits.put(edit.clientId(), new long[] {edit.seq(), edit.revision()});
        }
        this.emptySince = now;
    }

    /**
     * Adds a participant and sends it the welcome, then what it missed when it resumes; tells the
     * others. Returns null if this session was released meanwhile: open the document again.
     */
    synchronized Participant join(ClientMessage.Join join, Outbox outbox) throws ProtocolException {
        if (released) {
            return null;
        }
        if (participants.size() >= limits.maxParticipants() && !participants.containsKey(join.clientId())) {
            // each edit goes to every participant: past this, one document would crowd out the others
            throw new ProtocolException(ErrorCode.DOCUMENT_FULL, "this document has " + participants.size()
                    + " people in it, as many as this server allows at once: try again later", true);
        }
        Participant previous = participants.remove(join.clientId());
        if (previous != null) {
            // the same client on a new connection: the old one is stale, and leaves without a trace
            previous.outbox.shutDown(CloseCode.NORMAL, "replaced by a newer connection of the same client");
        }
        String name = join.name() == null || join.name().isBlank() ? "Anonymous" : join.name().strip();
        Participant participant = new Participant(join.clientId(), name, Colors.choose(join.color(), join.clientId()), outbox);
        List<Peer> others = participants.values().stream().map(Participant::toPeer).toList();
        Long lastSeen = join.lastSeenRevision();
        // resume by replaying what was missed, unless that is more than a fresh copy is worth
        boolean resuming = lastSeen != null && lastSeen >= history.oldest() && lastSeen <= history.latest()
                && history.latest() - lastSeen < limits.outboxLimit() / 2;
        long[] last = lastEdits.get(join.clientId());
        Long lastSeq = last == null ? null : last[0];
        if (resuming) {
            // selections are positions in the latest text: they follow the missed edits
            List<Peer> present = others.stream()
                    .map(peer -> new Peer(peer.clientId(), peer.name(), peer.color(), List.of())).toList();
            deliver(outbox, codec.encode(new ServerMessage.Welcome(join.clientId(), lastSeen, null, true, lastSeq, present)));
            for (long number = lastSeen + 1; number <= history.latest(); number++) {
                Revision missed = history.get(number);
                deliver(outbox, codec.encode(new ServerMessage.Edited(number, missed.clientId(), missed.seq(), missed.op())));
            }
            for (Peer peer : others) {
                if (!peer.selection().isEmpty()) {
                    deliver(outbox, codec.encode(new ServerMessage.Presence(ServerMessage.Presence.SELECTION, peer)));
                }
            }
        } else {
            deliver(outbox, codec.encode(new ServerMessage.Welcome(
                    join.clientId(), history.latest(), text.toString(), false, lastSeq, others)));
        }
        participants.put(participant.clientId, participant);
        broadcast(participant, new ServerMessage.Presence(ServerMessage.Presence.JOINED, participant.toPeer()));
        return participant;
    }

    /** Transforms an edit past what its author had not seen, applies it, acknowledges and broadcasts it. */
    synchronized void submit(Participant author, ClientMessage.Edit edit) throws ProtocolException {
        long[] last = lastEdits.get(author.clientId);
        if (last != null && edit.seq() <= last[0]) {
            if (edit.seq() == last[0]) {
                // a resent edit after a lost ack: acknowledge again (once stored), apply nothing
                deliver(author.outbox, codec.encode(new ServerMessage.Ack(edit.seq(), last[1])));
                return;
            }
            throw new ProtocolException(ErrorCode.STALE_EDIT, "edit " + edit.seq()
                    + " is older than this client's edit " + last[0] + ", which is already applied");
        }
        if (edit.revision() > history.latest()) {
            throw new ProtocolException(ErrorCode.REVISION_IN_FUTURE, "the edit is based on revision "
                    + edit.revision() + " but the document is at revision " + history.latest());
        }
        if (edit.revision() < history.oldest()) {
            throw new ProtocolException(ErrorCode.REVISION_TOO_OLD, "the edit is based on revision "
                    + edit.revision() + ", older than the " + limits.historyWindow()
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
        if (op.targetLength() > limits.maxDocumentCodePoints()) {
            throw new ProtocolException(ErrorCode.DOCUMENT_TOO_LARGE, "the edit would make the document "
                    + op.targetLength() + " code points long; the limit is " + limits.maxDocumentCodePoints());
        }
        text = op.apply(text);
        long revision = history.latest() + 1;
        history.add(new Revision(revision, author.clientId, edit.seq(), op));
        lastEdits.put(author.clientId, new long[] {edit.seq(), revision});
        unstored.add(new LoggedEdit(revision, author.clientId, edit.seq(), op, Instant.now()));

        deliver(author.outbox, codec.encode(new ServerMessage.Ack(edit.seq(), revision)));
        broadcast(author, new ServerMessage.Edited(revision, author.clientId, edit.seq(), op));
        for (Participant participant : participants.values()) {
            participant.selection = transform(participant.selection, op, participant == author);
        }
        storeNext();
    }

    /** Moves a participant's selection, given in the text at some recent revision, and tells the others. */
    synchronized void select(Participant participant, ClientMessage.Selection selection) throws ProtocolException {
        if (selection.revision() > history.latest() || selection.revision() < history.oldest()) {
            throw new ProtocolException(ErrorCode.REVISION_IN_FUTURE, "a selection at revision "
                    + selection.revision() + " cannot be placed; the document is at " + history.latest());
        }
        int length = lengthAt(selection.revision());
        List<Range> ranges = selection.ranges();
        for (Range range : ranges) {
            if (range.anchor() > length || range.head() > length) {
                throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "selection " + range.anchor() + ".."
                        + range.head() + " lies outside the text of " + length + " code points");
            }
        }
        for (long number = selection.revision() + 1; number <= history.latest(); number++) {
            ranges = transform(ranges, history.get(number).op(), false);
        }
        participant.selection = ranges;
        broadcast(participant, new ServerMessage.Presence(ServerMessage.Presence.SELECTION, participant.toPeer()));
    }

    /** Removes a participant (if still the current one for its client id) and tells the others. */
    synchronized void leave(Participant participant, long now) {
        if (participants.get(participant.clientId) != participant) {
            return;
        }
        participants.remove(participant.clientId);
        broadcast(participant, new ServerMessage.Presence(ServerMessage.Presence.LEFT, participant.toPeer()));
        if (participants.isEmpty()) {
            emptySince = now;
        }
    }

    /** Marks the session released if nobody has been in it since {@code before} and all is stored. */
    synchronized boolean releaseIfEmptySince(long before) {
        if (released || !participants.isEmpty() || emptySince > before || storing || !unstored.isEmpty()) {
            return false;
        }
        released = true;
        return true;
    }

    /** Writes what is not stored yet, unless a write is under way: then it goes in the next one. */
    private void storeNext() {
        if (storing || unstored.isEmpty() || released) {
            return;
        }
        storing = true;
        List<LoggedEdit> batch = List.copyOf(unstored);
        unstored.clear();
        store.append(id, batch, text).whenComplete((done, failure) -> stored(batch, failure));
    }

    private synchronized void stored(List<LoggedEdit> batch, Throwable failure) {
        storing = false;
        if (failure != null) {
            // nothing after the last stored revision was acknowledged: drop this copy; clients
            // reconnect, resume from what is stored and resend what was not acknowledged
            LOG.log(Level.SEVERE, "could not store edits of document " + id + "; closing it", failure);
            released = true;
            held.clear();
            for (Participant participant : participants.values()) {
                participant.outbox.shutDown(CloseCode.SERVER_ERROR, "the document could not be saved: reconnect");
            }
            return;
        }
        stored = batch.get(batch.size() - 1).revision();
        while (!held.isEmpty() && held.peek().after() <= stored) {
            Held next = held.poll();
            next.outbox().offer(next.message());
        }
        storeNext();
    }

    /** Sends now, or once the latest revision is stored, after everything sent before. */
    private void deliver(Outbox outbox, String message) {
        if (held.isEmpty() && stored == history.latest()) {
            outbox.offer(message);
        } else {
            held.add(new Held(outbox, message, history.latest()));
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(text, history.latest());
    }

    synchronized int participantCount() {
        return participants.size();
    }

    /** Encodes once, then queues the same frame for everyone but {@code except}. */
    private void broadcast(Participant except, ServerMessage message) {
        if (participants.size() <= 1 && participants.containsValue(except)) {
            return;
        }
        String encoded = codec.encode(message);
        for (Participant participant : participants.values()) {
            if (participant != except) {
                deliver(participant.outbox, encoded);
            }
        }
    }

    /** The document's length at a kept revision. */
    private int lengthAt(long revision) {
        return revision == history.latest() ? text.length() : history.get(revision + 1).op().baseLength();
    }

    private static List<Range> transform(List<Range> ranges, TextOperation op, boolean own) {
        if (ranges.isEmpty()) {
            return ranges;
        }
        List<Range> moved = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            moved.add(new Range(op.transformPosition(range.anchor(), own), op.transformPosition(range.head(), own)));
        }
        return moved;
    }
}

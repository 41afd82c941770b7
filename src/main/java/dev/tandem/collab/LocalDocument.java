package dev.tandem.collab;

import dev.tandem.access.Admission;
import dev.tandem.access.Person;
import dev.tandem.metrics.Meters;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.store.ChatLine;
import dev.tandem.store.ChatStore;
import dev.tandem.store.DocumentStore;
import dev.tandem.store.LogConflict;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.StoredDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A document whose edits this process orders: its {@link Sequencer}, its {@link DurabilityGate}
 * in front of the store, and its {@link Presence}. Every change happens under this object's lock,
 * which orders the document's edits; other documents have locks of their own. Each message is
 * encoded once, whoever receives it. Messages are queued for their recipients under the lock,
 * which fixes their order, and written to connections after it is released ({@link #locked}).
 */
final class LocalDocument implements Document {
    private static final Logger LOG = Logger.getLogger(LocalDocument.class.getName());
    /** Why a copy whose edits could not be saved closes its connections. */
    private static final String UNSAVED = "the document could not be saved: reconnect";
    /** Why participants reconnect when another node orders their document now, or did meanwhile. */
    static final String MOVED = "this document moved to another server: reconnect";

    private final DocumentId id;
    private final DocumentStore store;
    private final Limits limits;
    /** The limits as the welcome tells them. */
    private final ServerMessage.Welcome.Limits wireLimits;
    private final MessageCodec codec;
    private final Meters meters;
    private final Sequencer sequencer;
    private final DurabilityGate gate;
    private final Presence presence = new Presence();
    private final DocumentChat chat;
    /** Takes nobody in: handed over, idle, or unable to store. */
    private boolean closed;
    /** Why everyone is to reconnect once what was applied is stored, when handed over; else null. */
    private String handedOver;
    /** Whether a write failed: nothing more is stored. */
    private boolean failed;
    private long emptySince;

    LocalDocument(DocumentId id, StoredDocument document, DocumentStore store, ChatStore chats, Limits limits,
            MessageCodec codec, Meters meters) {
        this.meters = meters;
        this.chat = new DocumentChat(id, chats);
        this.id = id;
        this.store = store;
        this.limits = limits;
        this.wireLimits = new ServerMessage.Welcome.Limits(limits.maxMessageBytes(), limits.maxDocumentCodePoints());
        this.codec = codec;
        this.sequencer = new Sequencer(document, limits.historyWindow(), limits.historyMaxBytes(),
                limits.maxDocumentCodePoints());
        this.gate = new DurabilityGate(document.latest().revision());
        this.emptySince = System.nanoTime();
    }

    @Override
    public DocumentId id() {
        return id;
    }

    /** What a method does under the document's lock. */
    @FunctionalInterface
    private interface Change<T, E extends Exception> {
        T apply() throws E;
    }

    /** A {@link Change} with no result. */
    @FunctionalInterface
    private interface Action<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code change} under the document's lock, then dispatches what it queued for its
     * recipients once the lock is released: written under the lock, each frame to each
     * participant made everyone's next edit wait for that socket write (docs/benchmarks.md).
     * Called with the lock held (a store that completes a write at once), it leaves the dispatch
     * to the outer call.
     */
    private <T, E extends Exception> T locked(Change<T, E> change) throws E {
        if (Thread.holdsLock(this)) {
            return change.apply();
        }
        List<Recipient> due = List.of();
        try {
            synchronized (this) {
                try {
                    return change.apply();
                } finally {
                    due = gate.takeDue();
                }
            }
        } finally {
            for (Recipient recipient : due) {
                recipient.dispatch();
            }
        }
    }

    private <E extends Exception> void locked(Action<E> action) throws E {
        locked(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public Participant join(ClientMessage.Join join, Person person, Admission admission, Recipient recipient)
            throws ProtocolException {
        return locked(() -> admit(join, person, admission, recipient));
    }

    private Participant admit(ClientMessage.Join join, Person person, Admission admission, Recipient recipient)
            throws ProtocolException {
        if (closed) {
            return null;
        }
        Long seen = join.lastSeenRevision();
        if (seen != null && seen > sequencer.latest()
                && !store.edits(id.value(), sequencer.latest(), sequencer.latest() + 1, 1).isEmpty()) {
            // the client saw a revision this copy never had, and the store has it: another node
            // ordered the document meanwhile (its owner moved and came back). This copy is stale:
            // drop it, and let everyone start again from the store. (A client that merely claims a
            // later revision gets a fresh copy, as any client whose revision is not kept.)
            dropAsStale();
            return null;
        }
        if (presence.size() >= limits.maxParticipants() && !presence.contains(join.clientId())) {
            // each edit goes to every participant: past this, one document would crowd out the others
            throw new ProtocolException(ErrorCode.DOCUMENT_FULL, "this document has " + presence.size()
                    + " people in it, as many as this server allows at once: try again later", true);
        }
        Participant previous = presence.remove(join.clientId());
        if (previous != null) {
            // the same client on a new connection: the old one is stale, and leaves without a trace
            previous.recipient().shutDown(CloseCode.NORMAL, "replaced by a newer connection of the same client");
        }
        Admission colored = presence.withOwnColor(admission, person, join.clientId());
        Participant participant = new Participant(join.clientId(), person, colored, join.link(), recipient);
        // resume by replaying what was missed, unless that is more than a fresh copy is worth
        for (ServerMessage message : Catchup.messages(join, colored, sequencer, presence.peers(),
                limits.outboxLimit() / 2, wireLimits)) {
            gate.deliver(recipient, codec.encode(message));
        }
        presence.add(participant);
        broadcast(participant, new ServerMessage.Presence(ServerMessage.Presence.JOINED, participant.toPeer()));
        return participant;
    }

    @Override
    public void submit(Participant author, ClientMessage.Edit edit) throws ProtocolException {
        locked(() -> apply(author, edit));
    }

    private void apply(Participant author, ClientMessage.Edit edit) throws ProtocolException {
        if (!closed && !presence.isCurrent(author)) {
            return; // expelled or replaced: its connection is ending, and nothing it sent counts
        }
        if (closed) {
            // this copy orders nothing more: the edit is kept by its author, who resends it after reconnecting
            author.recipient().shutDown(handedOver != null ? CloseCode.GOING_AWAY : CloseCode.SERVER_ERROR,
                    handedOver != null ? handedOver : UNSAVED);
            return;
        }
        Sequencer.Outcome outcome = sequencer.submit(author.clientId(), edit);
        if (outcome instanceof Sequencer.Applied before) {
            // a resent edit after a lost ack: acknowledge again (once stored), apply nothing
            gate.deliver(author.recipient(), codec.encode(new ServerMessage.Ack(edit.seq(), before.revision())));
            return;
        }
        Revision revision = ((Sequencer.Accepted) outcome).revision();
        meters.applied();
        gate.applied(new LoggedEdit(revision.number(), author.clientId(), edit.seq(), revision.op(), Instant.now(),
                author.person().id(), author.name()));
        gate.deliver(author.recipient(), codec.encode(new ServerMessage.Ack(edit.seq(), revision.number())));
        broadcast(author, new ServerMessage.Edited(revision.number(), author.clientId(), edit.seq(), revision.op()));
        presence.moveThrough(revision.op(), author);
        storeNext();
    }

    @Override
    public void select(Participant participant, ClientMessage.Selection selection) throws ProtocolException {
        locked(() -> {
            participant.select(sequencer.toLatest(selection.revision(), selection.ranges()));
            broadcast(participant, new ServerMessage.Presence(ServerMessage.Presence.SELECTION, participant.toPeer()));
        });
    }

    /**
     * Numbers the line and stores it, then shows it to everyone here, its author too (that is its
     * acknowledgement); if it cannot be stored, its author is told and nobody sees it.
     */
    @Override
    public void chat(Participant author, ClientMessage.Chat said) {
        locked(() -> {
            if (closed || !presence.isCurrent(author)) {
                return;
            }
            ChatLine line = chat.line(author, said.text(), Instant.now());
            // handed to the store under the lock, so in the order of their numbers; the store keeps that order
            chat.store().append(line).whenComplete((stored, failure) -> shown(line, author, failure));
        });
    }

    private void shown(ChatLine line, Participant author, Throwable failure) {
        locked(() -> showLocked(line, author, failure));
    }

    private void showLocked(ChatLine line, Participant author, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.WARNING, "document=" + id.value() + " chat line " + line.number() + " not stored", failure);
            gate.deliver(author.recipient(), codec.encode(new ServerMessage.Error(ErrorCode.UNAVAILABLE.wire(),
                    "your chat message was not stored: send it again", false)));
            return;
        }
        String encoded = codec.encode(DocumentChat.message(line));
        for (Participant participant : presence.all()) {
            gate.deliver(participant.recipient(), encoded);
        }
    }

    @Override
    public void leave(Participant participant) {
        locked(() -> remove(participant));
    }

    private void remove(Participant participant) {
        if (!presence.isCurrent(participant)) {
            return;
        }
        presence.remove(participant.clientId());
        broadcast(participant, new ServerMessage.Presence(ServerMessage.Presence.LEFT, participant.toPeer()));
        if (presence.isEmpty()) {
            emptySince = System.nanoTime();
        }
    }

    @Override
    public synchronized List<Participant> participants() {
        return presence.all();
    }

    @Override
    public void expel(Participant participant, String why) {
        locked(() -> {
            if (presence.isCurrent(participant)) {
                remove(participant);
                participant.recipient().shutDown(CloseCode.ACCESS, why);
            }
        });
    }

    @Override
    public synchronized boolean closeIfIdleSince(long before) {
        if (closed || !presence.isEmpty() || emptySince > before || !gate.idle()) {
            return false;
        }
        closed = true;
        return true;
    }

    /**
     * Another node orders this document from now on: this copy takes no one more and applies
     * nothing more; once what it applied is stored (and acknowledged), everyone in it is told to
     * reconnect, with {@code why}.
     */
    synchronized void handOver(String why) {
        if (handedOver != null || failed) {
            return;
        }
        closed = true;
        handedOver = why;
        if (gate.idle()) {
            endAll(CloseCode.GOING_AWAY, why);
        }
    }

    /** Whether everything applied here is stored and no write is under way. */
    synchronized boolean stored() {
        return gate.idle();
    }

    /** Another node ordered the document meanwhile: this copy stores and takes in nothing more, and everyone reconnects. */
    private void dropAsStale() {
        LOG.info("document " + id + " was ordered elsewhere meanwhile: its copy here is dropped");
        stopStoring();
        endAll(CloseCode.GOING_AWAY, MOVED);
    }

    /** Nothing more is stored, sent after what waits to be stored, or let in. */
    private void stopStoring() {
        closed = true;
        failed = true;
        gate.failed();
    }

    private void endAll(CloseCode code, String why) {
        for (Participant participant : presence.all()) {
            participant.recipient().shutDown(code, why);
        }
    }

    /** Writes what is not stored yet, unless a write is under way: then it goes in the next one. */
    private void storeNext() {
        if (failed) {
            return;
        }
        List<LoggedEdit> batch = gate.nextWrite();
        if (batch != null) {
            store.append(id.value(), batch, sequencer.text()).whenComplete((done, failure) -> written(batch, failure));
        }
    }

    private void written(List<LoggedEdit> batch, Throwable failure) {
        locked(() -> release(batch, failure));
    }

    private void release(List<LoggedEdit> batch, Throwable failure) {
        if (failure != null) {
            // nothing after the last stored revision was acknowledged: drop this copy; clients
            // reconnect, resume from what is stored and resend what was not acknowledged
            if (LogConflict.in(failure)) {
                // another node stored these revisions first (it ordered the document meanwhile):
                // the log has the truth, and whoever orders the document now starts from it
                dropAsStale();
            } else {
                LOG.log(Level.SEVERE, "could not store edits of document " + id + "; closing it", failure);
                stopStoring();
                endAll(CloseCode.SERVER_ERROR, UNSAVED);
            }
            return;
        }
        gate.written(batch.get(batch.size() - 1).revision());
        Instant now = Instant.now();
        for (LoggedEdit edit : batch) {
            meters.acknowledged(Duration.between(edit.time(), now).toNanos());
        }
        if (handedOver != null && gate.idle()) {
            endAll(CloseCode.GOING_AWAY, handedOver);
            return;
        }
        storeNext();
    }

    /** Encodes once, then sends the same text to everyone but {@code except}. */
    private void broadcast(Participant except, ServerMessage message) {
        if (presence.size() <= 1 && presence.isCurrent(except)) {
            return;
        }
        String encoded = codec.encode(message);
        for (Participant participant : presence.all()) {
            if (participant != except) {
                gate.deliver(participant.recipient(), encoded);
            }
        }
    }
}

package dev.tandem.collab;

import dev.tandem.access.Admission;
import dev.tandem.access.Person;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.MessageCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A document whose edits another node orders (its owner), as this node's participants see it:
 * their joins, edits, selections, chat and departures go to the owner, numbered per participant; what
 * they are to hear comes back from it, already stored. Access and rates are checked here, where
 * the participants are, as for a document ordered here. When the owner changes or is gone, the
 * participants are told to reconnect: they come back to whichever node orders the document then,
 * from their last revision, and resend what was not acknowledged, which that node applies once.
 */
final class RemoteDocument implements Document {
    private final DocumentId id;
    private final String owner;
    private final NodeLinks links;
    private final MessageCodec codec;
    private final LongSupplier numbers;
    private final Map<Long, Participant> byNumber = new HashMap<>();
    private final Map<Participant, Long> numberOf = new IdentityHashMap<>();
    private boolean closed;
    private long emptySince = System.nanoTime();

    RemoteDocument(DocumentId id, String owner, NodeLinks links, MessageCodec codec, LongSupplier numbers) {
        this.id = id;
        this.owner = owner;
        this.links = links;
        this.codec = codec;
        this.numbers = numbers;
    }

    @Override
    public DocumentId id() {
        return id;
    }

    String owner() {
        return owner;
    }

    @Override
    public synchronized Participant join(ClientMessage.Join join, Person person, Admission admission,
            Recipient recipient) {
        if (closed) {
            return null;
        }
        long number = numbers.getAsLong();
        Participant participant = new Participant(join.clientId(), person, admission, join.link(), recipient);
        byNumber.put(number, participant);
        numberOf.put(participant, number);
        links.send(owner, NodeMessage.join(id.value(), number, codec.encode(join), person, admission));
        return participant;
    }

    @Override
    public synchronized void submit(Participant author, ClientMessage.Edit edit) {
        forward(NodeMessage.EDIT, author, edit);
    }

    @Override
    public synchronized void select(Participant participant, ClientMessage.Selection selection) {
        forward(NodeMessage.SELECT, participant, selection);
    }

    @Override
    public synchronized void chat(Participant participant, ClientMessage.Chat chat) {
        forward(NodeMessage.CHAT, participant, chat);
    }

    private void forward(String kind, Participant participant, ClientMessage message) {
        Long number = numberOf.get(participant);
        if (number != null) { // else it has left, or was told to: nothing it sends counts
            links.send(owner, NodeMessage.of(kind, id.value(), number, codec.encode(message)));
        }
    }

    @Override
    public synchronized void leave(Participant participant) {
        Long number = remove(participant);
        if (number != null) {
            links.send(owner, NodeMessage.of(NodeMessage.LEAVE, id.value(), number, null));
        }
    }

    @Override
    public synchronized List<Participant> participants() {
        return new ArrayList<>(byNumber.values());
    }

    @Override
    public synchronized void expel(Participant participant, String why) {
        if (numberOf.containsKey(participant)) {
            leave(participant);
            participant.recipient().shutDown(CloseCode.ACCESS, why);
        }
    }

    @Override
    public synchronized boolean closeIfIdleSince(long before) {
        if (closed || !byNumber.isEmpty() || emptySince > before) {
            return false;
        }
        closed = true;
        return true;
    }

    /** From the owner: {@code message} for the participants numbered {@code to}, written once this lock is released. */
    void deliver(List<Long> to, String message) {
        List<Recipient> due = new ArrayList<>(to.size());
        synchronized (this) {
            for (long number : to) {
                Participant participant = byNumber.get(number);
                if (participant != null) {
                    participant.recipient().enqueue(List.of(message));
                    due.add(participant.recipient());
                }
            }
        }
        due.forEach(Recipient::dispatch);
    }

    /** From the owner: participant {@code number}'s connection ends (after what it was sent, if {@code finish}). */
    synchronized void end(long number, CloseCode code, String why, boolean finish) {
        Participant participant = byNumber.get(number);
        if (participant != null) {
            remove(participant);
            if (finish) {
                participant.recipient().finish(code, why);
            } else {
                participant.recipient().shutDown(code, why);
            }
        }
    }

    /**
     * The owner is no longer the owner, or may have missed some of what this node sent it: this
     * copy takes nobody more, and everyone in it reconnects.
     */
    synchronized void moved(String why) {
        closed = true;
        for (Participant participant : participants()) {
            // the owner, if it still orders the document (some messages were lost), lets them go too:
            // else they would stay there as people nobody can reach
            leave(participant);
            participant.recipient().shutDown(CloseCode.GOING_AWAY, why);
        }
    }

    private Long remove(Participant participant) {
        Long number = numberOf.remove(participant);
        if (number != null) {
            byNumber.remove(number);
            if (byNumber.isEmpty()) {
                emptySince = System.nanoTime();
            }
        }
        return number;
    }
}

package dev.tandem.support.client;

import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.ot.TransformedPair;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client side of the protocol: the OT client state machine (synchronized, awaiting an ack,
 * awaiting with a buffer) over any transport. One edit is in flight at a time; later edits are
 * composed into a buffer. Thread-safe: every method locks the client.
 */
public final class OtClient {
    private final String clientId;
    private final String name;
    private final Consumer<ClientMessage> sender;
    private Rope text = Rope.empty();
    private long revision = -1;
    private TextOperation inFlight;
    private long inFlightSeq;
    /** The revision the in-flight edit applies to, as transformed so far. */
    private long inFlightRevision;
    private TextOperation buffer;
    private long lastSeq;
    private final List<ServerMessage.Error> errors = new ArrayList<>();
    private final List<String> peers = new ArrayList<>();
    private final List<ServerMessage.Chat> chat = new ArrayList<>();
    private String clientSecret;
    private String link;
    private String role;
    private String color;

    public OtClient(String clientId, String name, Consumer<ClientMessage> sender) {
        this.clientId = clientId;
        this.clientSecret = clientId + "-" + Long.toHexString(new java.util.Random(clientId.hashCode()).nextLong()) + "-secret";
        this.name = name;
        this.sender = sender;
    }

    public String clientId() {
        return clientId;
    }

    /** Joins with a share link's token from now on. */
    public synchronized OtClient withLink(String token) {
        link = token;
        return this;
    }

    /** What the last welcome let this client do: "viewer", "editor" or "owner". */
    /** The colour the server gave this client's participant (in its last welcome). */
    public synchronized String color() {
        return color;
    }

    public synchronized String role() {
        return role;
    }

    /** Joins, or rejoins after a lost connection asking for what it missed, and resends what is in flight. */
    public synchronized void join() {
        sender.accept(joinMessage());
    }

    /** The join this client sends: with its secret, its link if any, and what it last saw. */
    public synchronized ClientMessage.Join joinMessage() {
        return new ClientMessage.Join(clientId, name, null, revision < 0 ? null : revision, clientSecret, link);
    }

    /** Types locally: applies at once, sends when nothing is in flight. */
    public synchronized void edit(TextOperation op) {
        text = op.apply(text);
        if (inFlight == null) {
            send(op);
        } else {
            buffer = buffer == null ? op : buffer.compose(op);
        }
    }

    /** Handles what the server sent. */
    public synchronized void receive(ServerMessage message) {
        if (message instanceof ServerMessage.Welcome welcome) {
            revision = welcome.revision();
            role = welcome.role();
            color = welcome.color();
            if (welcome.clientSecret() != null) {
                clientSecret = welcome.clientSecret(); // a guest's client id is bound to it: presented when rejoining
            }
            if (!welcome.resuming()) {
                // a fresh copy: whatever was unsent is rebased onto nothing; tests avoid this case
                text = Rope.of(welcome.text());
                inFlight = null;
                buffer = null;
            } else if (inFlight != null) {
                // resend with the same seq: applied at most once
                sender.accept(new ClientMessage.Edit(inFlightRevision, inFlightSeq, inFlight));
            }
            peers.clear();
            welcome.participants().forEach(peer -> peers.add(peer.clientId()));
        } else if (message instanceof ServerMessage.Ack ack) {
            acknowledged(ack.seq(), ack.revision());
        } else if (message instanceof ServerMessage.Edited edited) {
            if (edited.revision() != revision + 1) {
                throw new IllegalStateException(clientId + " expected revision " + (revision + 1)
                        + " but got " + edited.revision());
            }
            if (clientId.equals(edited.clientId()) && inFlight != null && edited.seq() == inFlightSeq) {
                acknowledged(edited.seq(), edited.revision()); // our own edit, applied before we lost the ack
                return;
            }
            TextOperation op = edited.op();
            if (inFlight != null) {
                TransformedPair pair = TextOperation.transform(inFlight, op);
                inFlight = pair.aPrime();
                op = pair.bPrime();
                inFlightRevision = edited.revision();
            }
            if (buffer != null) {
                TransformedPair pair = TextOperation.transform(buffer, op);
                buffer = pair.aPrime();
                op = pair.bPrime();
            }
            text = op.apply(text);
            revision = edited.revision();
        } else if (message instanceof ServerMessage.Presence presence) {
            String id = presence.participant().clientId();
            if (ServerMessage.Presence.LEFT.equals(presence.event())) {
                peers.remove(id);
            } else if (!peers.contains(id)) {
                peers.add(id);
            }
        } else if (message instanceof ServerMessage.Error error) {
            errors.add(error);
        } else if (message instanceof ServerMessage.Chat line) {
            chat.add(line);
        }
    }

    /** The chat lines this client was shown, in order. */
    public synchronized List<ServerMessage.Chat> chat() {
        return List.copyOf(chat);
    }

    /** Sends a chat message. */
    public synchronized void say(String text) {
        sender.accept(new ClientMessage.Chat(text));
    }

    private void acknowledged(long seq, long newRevision) {
        if (inFlight == null || seq != inFlightSeq) {
            return; // a repeated ack
        }
        revision = newRevision;
        inFlight = null;
        if (buffer != null) {
            TextOperation next = buffer;
            buffer = null;
            send(next);
        }
    }

    private void send(TextOperation op) {
        inFlight = op;
        inFlightSeq = ++lastSeq;
        inFlightRevision = revision;
        sender.accept(new ClientMessage.Edit(revision, inFlightSeq, op));
    }

    public synchronized String text() {
        return text.toString();
    }

    public synchronized int length() {
        return text.length();
    }

    public synchronized long revision() {
        return revision;
    }

    /** Whether every local edit has been acknowledged. */
    public synchronized boolean settled() {
        return inFlight == null && buffer == null && revision >= 0;
    }

    public synchronized List<ServerMessage.Error> errors() {
        return List.copyOf(errors);
    }

    public synchronized List<String> peers() {
        return List.copyOf(peers);
    }
}

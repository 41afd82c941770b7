package dev.tandem.collab;

import dev.tandem.protocol.Peer;
import dev.tandem.protocol.Range;
import java.util.List;

/** Someone in a document: who they are, where their selection is, and where their messages go. */
public final class Participant {
    private final String clientId;
    private final String name;
    private final String color;
    private final Recipient recipient;
    /** Guarded by the document's lock. */
    private List<Range> selection = List.of();

    Participant(String clientId, String name, String color, Recipient recipient) {
        this.clientId = clientId;
        this.name = name;
        this.color = color;
        this.recipient = recipient;
    }

    public String clientId() {
        return clientId;
    }

    Recipient recipient() {
        return recipient;
    }

    List<Range> selection() {
        return selection;
    }

    void select(List<Range> ranges) {
        selection = ranges;
    }

    Peer toPeer() {
        return new Peer(clientId, name, color, selection);
    }
}

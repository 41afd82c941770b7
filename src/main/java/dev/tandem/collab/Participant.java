package dev.tandem.collab;

import dev.tandem.protocol.Peer;
import dev.tandem.protocol.Range;
import java.util.List;

/** Someone in a document: who they are, where their selection is, and their outbox. */
final class Participant {
    final String clientId;
    final String name;
    final String color;
    final Outbox outbox;
    /** Guarded by the document's lock. */
    List<Range> selection = List.of();

    Participant(String clientId, String name, String color, Outbox outbox) {
        this.clientId = clientId;
        this.name = name;
        this.color = color;
        this.outbox = outbox;
    }

    Peer toPeer() {
        return new Peer(clientId, name, color, selection);
    }
}

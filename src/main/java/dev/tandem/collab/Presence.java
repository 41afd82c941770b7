package dev.tandem.collab;

import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.Peer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is in a document, in the order they came, one participant per client id, and where their
 * selections are: positions in the latest text, moved through every edit. Not thread-safe (its
 * document's lock guards it).
 */
final class Presence {
    private final Map<String, Participant> participants = new LinkedHashMap<>();

    int size() {
        return participants.size();
    }

    boolean isEmpty() {
        return participants.isEmpty();
    }

    boolean contains(String clientId) {
        return participants.containsKey(clientId);
    }

    /** Whether {@code participant} is the current one for its client id. */
    boolean isCurrent(Participant participant) {
        return participants.get(participant.clientId()) == participant;
    }

    Collection<Participant> all() {
        return participants.values();
    }

    /** Everyone, as the others see them. */
    List<Peer> peers() {
        return participants.values().stream().map(Participant::toPeer).toList();
    }

    /** Adds {@code participant} last. */
    void add(Participant participant) {
        participants.put(participant.clientId(), participant);
    }

    /** Removes whoever is there for {@code clientId}; returns them, or null. */
    Participant remove(String clientId) {
        return participants.remove(clientId);
    }

    /** Moves every selection through {@code op}, which {@code author} made. */
    void moveThrough(TextOperation op, Participant author) {
        for (Participant participant : participants.values()) {
            participant.select(Selections.transform(participant.selection(), op, participant == author));
        }
    }
}

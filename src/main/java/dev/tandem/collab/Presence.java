package dev.tandem.collab;

import dev.tandem.access.Admission;
import dev.tandem.access.Colors;
import dev.tandem.access.Person;
import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.Peer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in a document, in the order they came, one participant per client id, and where their
 * selections are: positions in the latest text, moved through every edit. Not thread-safe (its
 * document's lock guards it), but {@link #all()} may be walked while someone leaves: a transport
 * may report a close at once, from within the send or close that the walk makes (Tyrus does).
 */
final class Presence {
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    /** Everyone, as of the last arrival or departure: what walks see (arrivals and departures are rare, walks are not). */
    private List<Participant> all = List.of();

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

    /** Everyone present now; it does not change as people come and go later. */
    List<Participant> all() {
        return all;
    }

    /** Everyone, as the others see them. */
    List<Peer> peers() {
        return all.stream().map(Participant::toPeer).toList();
    }

    /**
     * {@code admission} with a colour nobody else here has (while the palette lasts); a person
     * signed in here already keeps the colour they have.
     */
    Admission withOwnColor(Admission admission, Person person, String clientId) {
        Set<String> taken = new HashSet<>();
        for (Participant participant : all) {
            if (participant.clientId().equals(clientId)) {
                continue;
            }
            if (person.signedIn() && person.id().equals(participant.person().id())) {
                return admission.withColor(participant.color());
            }
            taken.add(participant.color());
        }
        return admission.withColor(Colors.distinct(admission.color(), taken));
    }

    /** Adds {@code participant} last. */
    void add(Participant participant) {
        participants.put(participant.clientId(), participant);
        all = List.copyOf(participants.values());
    }

    /** Removes whoever is there for {@code clientId}; returns them, or null. */
    Participant remove(String clientId) {
        Participant removed = participants.remove(clientId);
        if (removed != null) {
            all = List.copyOf(participants.values());
        }
        return removed;
    }

    /** Moves every selection through {@code op}, which {@code author} made. */
    void moveThrough(TextOperation op, Participant author) {
        for (Participant participant : all) {
            participant.select(Selections.transform(participant.selection(), op, participant == author));
        }
    }
}

package dev.tandem.collab;

import dev.tandem.access.Admission;
import dev.tandem.access.Person;
import dev.tandem.access.Role;
import dev.tandem.protocol.Peer;
import dev.tandem.protocol.Range;
import java.util.List;

/**
 * Someone in a document: who they are and what they may do there (and the share link that let
 * them in, if one did, to look again when access changes), where their selection is, and where
 * their messages go.
 */
public final class Participant {
    private final String clientId;
    private final Person person;
    private final Admission admission;
    private final String link;
    private final Recipient recipient;
    /** Guarded by the document's lock. */
    private List<Range> selection = List.of();

    Participant(String clientId, Person person, Admission admission, String link, Recipient recipient) {
        this.clientId = clientId;
        this.person = person;
        this.admission = admission;
        this.link = link;
        this.recipient = recipient;
    }

    public String clientId() {
        return clientId;
    }

    public Person person() {
        return person;
    }

    public Role role() {
        return admission.role();
    }

    String name() {
        return admission.name();
    }

    String color() {
        return admission.color();
    }

    String link() {
        return link;
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
        return new Peer(clientId, admission.name(), admission.color(), selection);
    }
}

package dev.tandem.access;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ProtocolException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides who may open a document, and as what. In {@link AccessMode#ACCOUNTS} a document is open
 * to its owner, to those it is granted to (by name, or everyone signed in) and to holders of its
 * share links; a document from before owners (no owner) to everyone signed in. In
 * {@link AccessMode#LINK} everyone edits every document. A deleted document opens for nobody until
 * its owner restores it.
 *
 * <p>Whatever the mode, a client id belongs to whoever used it first, a signed-in person or a
 * guest holding the secret handed out with that first welcome: nobody can take over another's
 * connection or resend edits in their name.
 */
public final class Access {
    private final AccessMode mode;
    private final AccessStore store;
    private final Clock clock;

    public Access(AccessMode mode, AccessStore store, Clock clock) {
        this.mode = mode;
        this.store = store;
        this.clock = clock;
    }

    public AccessMode mode() {
        return mode;
    }

    /**
     * Lets {@code person} in to {@code document} as {@code join} asks, or refuses. A guest's new
     * client id is bound to the secret the join brings, or, if none, to one made here and handed
     * out with the welcome (should the join fail after all, that id is lost: the client makes
     * another).
     *
     * @throws ProtocolException {@code forbidden} if the person may not open the document (or it
     *                           does not exist: the two are not told apart), {@code client-id-taken}
     *                           if the client id is someone else's
     */
    public Admission admit(DocumentId document, Person person, ClientMessage.Join join) throws ProtocolException {
        Role own = ownRole(document, person);
        Optional<ShareLink> link = validLink(document, join.link());
        Role role = better(own, link.map(ShareLink::role).orElse(null));
        if (role == null) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "no such document, or no access to it", true);
        }
        String secret = null;
        String holder;
        if (person.signedIn()) {
            holder = "user:" + person.id();
        } else {
            secret = join.clientSecret() == null ? Tokens.random() : null;
            holder = "guest:" + Tokens.hash(secret != null ? secret : join.clientSecret());
        }
        String bound;
        try {
            bound = store.claimClient(join.clientId(), holder);
        } catch (RuntimeException raced) { // claimed at the same moment: now it is someone's
            bound = store.claimClient(join.clientId(), holder);
        }
        if (!bound.equals(holder)) {
            throw new ProtocolException(ErrorCode.CLIENT_ID_TAKEN, person.signedIn() || join.clientSecret() == null
                    ? "this clientId belongs to someone else: make a new one"
                    : "this clientSecret is not the one of this clientId", true);
        }
        String color = Colors.of(person.signedIn() ? "user:" + person.id() : join.clientId());
        // a role that only the link gives ends when the link expires
        Instant until = link.isPresent() && (own == null || !own.atLeast(role)) ? link.get().expires() : null;
        return new Admission(role, person.shownName(join.name(), mode.signsIn()), color, secret, until);
    }

    /** What {@code person}, holding share link {@code link} (or null), may do with {@code document}; null: nothing. */
    public Role role(DocumentId document, Person person, String link) {
        return better(ownRole(document, person), validLink(document, link).map(ShareLink::role).orElse(null));
    }

    /** What {@code person} may do with {@code document} without a link; null: nothing. */
    private Role ownRole(DocumentId document, Person person) {
        if (!mode.signsIn()) {
            return Role.EDITOR;
        }
        return person.signedIn() ? store.document(document.value()).map(entry -> roleIn(entry, person)).orElse(null)
                : null;
    }

    /** What {@code person} may do, without a link, with the document {@code entry} describes (read already); null: nothing. */
    public Role roleIn(DocumentEntry entry, Person person) {
        if (!mode.signsIn()) {
            return Role.EDITOR;
        }
        return person.signedIn() && entry.deleted() == null ? roleOf(entry, person) : null;
    }

    /** The share link {@code link} names, if it opens {@code document} now (a deleted document opens for nobody). */
    private Optional<ShareLink> validLink(DocumentId document, String link) {
        if (link == null || !mode.signsIn()) {
            return Optional.empty();
        }
        return store.linkByTokenHash(Tokens.hash(link))
                .filter(shared -> shared.documentId().equals(document.value()) && shared.validAt(clock.instant()))
                .filter(shared -> store.document(document.value()).map(entry -> entry.deleted() == null).orElse(false));
    }

    private static Role roleOf(DocumentEntry entry, Person person) {
        if (person.id().equals(entry.owner())) {
            return Role.OWNER;
        }
        Role role = entry.owner() == null ? Role.EDITOR : null;
        role = better(role, entry.grants().get(person.id()));
        for (String group : person.groups()) {
            role = better(role, entry.grants().get(DocumentEntry.GROUP + group));
        }
        return better(role, entry.grants().get(DocumentEntry.EVERYONE));
    }

    private static Role better(Role a, Role b) {
        return a == null ? b : b == null ? a : a.atLeast(b) ? a : b;
    }
}

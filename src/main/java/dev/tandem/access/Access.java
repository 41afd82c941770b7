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
 * {@link AccessMode#LINK} everyone edits every document.
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
        Role role = role(document, person, join.link());
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
        return new Admission(role, person.shownName(join.name(), mode.signsIn()), color, secret,
                until(document, person, join.link(), role));
    }

    /** What {@code person}, holding share link {@code link} (or null), may do with {@code document}; null: nothing. */
    public Role role(DocumentId document, Person person, String link) {
        if (!mode.signsIn()) {
            return Role.EDITOR;
        }
        Role best = null;
        if (person.signedIn()) {
            Optional<DocumentEntry> entry = store.document(document.value());
            if (entry.isPresent()) {
                best = roleOf(entry.get(), person);
            }
        }
        if (link != null) {
            Optional<ShareLink> shared = store.linkByTokenHash(Tokens.hash(link));
            if (shared.isPresent() && shared.get().documentId().equals(document.value())
                    && shared.get().validAt(clock.instant())) {
                best = better(best, shared.get().role());
            }
        }
        return best;
    }

    /**
     * When the role ends by itself: when the link that gives it expires, unless the person has it
     * without the link; null if never.
     */
    private Instant until(DocumentId document, Person person, String link, Role role) {
        if (link == null || !mode.signsIn()) {
            return null;
        }
        Role without = person.signedIn() ? role(document, person, null) : null;
        if (without != null && without.atLeast(role)) {
            return null;
        }
        return store.linkByTokenHash(Tokens.hash(link)).map(ShareLink::expires).orElse(null);
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

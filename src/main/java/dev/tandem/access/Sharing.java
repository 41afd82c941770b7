package dev.tandem.access;

import dev.tandem.protocol.DocumentId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may open a document, as its owner decides: grants to people and to everyone signed in, and
 * share links. Every change here is to be followed by the collaboration service looking again at
 * who is in the document ({@code DocumentRegistry.reconsider}), so that it takes effect at once.
 */
@ApplicationScoped
public class Sharing {
    /** Links live at most this long when an expiry is asked for. */
    public static final Duration LONGEST_EXPIRY = Duration.ofDays(366);

    @Inject
    AccessStore store;

    @Inject
    Access access;

    @Inject
    Accounts accounts;

    Clock clock = Clock.systemUTC();

    /** Why a change is refused; {@code status} is the HTTP status that says so. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Who may open a document and how, as its owner sees it. */
    public record View(String id, String owner, Map<String, Role> grants, List<ShareLink> links) {
    }

    /**
     * A new document owned by {@code caller}: with the id asked for, if it is free, else with an
     * unguessable one.
     */
    public DocumentId create(Person caller, String requestedId) throws Refused {
        if (!caller.signedIn() && access.mode().signsIn()) {
            throw new Refused(401, "sign in to make documents");
        }
        DocumentId id = requestedId == null ? new DocumentId(Tokens.random()) : DocumentId.parse(requestedId)
                .orElseThrow(() -> new Refused(400, DocumentId.RULE_TEXT));
        if (access.mode().signsIn() && !store.createDocument(id.value(), caller.id())) {
            throw new Refused(409, "a document with this name exists already");
        }
        return id;
    }

    public View view(Person caller, DocumentId document) throws Refused {
        DocumentEntry entry = owned(caller, document);
        return new View(entry.id(), entry.owner(), entry.grants(), store.links(document.value()));
    }

    /**
     * Gives {@code grantee} (a user name, {@code group:} and a group's name, or
     * {@link DocumentEntry#EVERYONE}) {@code role}; null takes it away.
     */
    public void grant(Person caller, DocumentId document, String grantee, Role role) throws Refused {
        DocumentEntry entry = owned(caller, document);
        if (role == Role.OWNER) {
            throw new Refused(400, "a document has one owner: grant \"editor\" or \"viewer\"");
        }
        if (grantee.equals(entry.owner())) {
            throw new Refused(400, "the owner's own access cannot change");
        }
        if (grantee.startsWith(DocumentEntry.GROUP)) {
            if (!Accounts.GROUP.matcher(grantee.substring(DocumentEntry.GROUP.length())).matches()) {
                throw new Refused(400, "a group name has 1 to 64 characters, no comma");
            }
        } else if (!grantee.equals(DocumentEntry.EVERYONE) && accounts.find(grantee).isEmpty()) {
            throw new Refused(400, "no account is named " + grantee);
        }
        store.setGrant(document.value(), grantee, role);
    }

    /** A share link just made, and its token: shown this once, and kept only as a hash. */
    public record NewLink(ShareLink link, String token) {
    }

    /** A new share link for holders to be {@code role}, for {@code expiresIn} (null: until revoked). */
    public NewLink addLink(Person caller, DocumentId document, Role role, Duration expiresIn) throws Refused {
        owned(caller, document);
        if (role == null || role == Role.OWNER) {
            throw new Refused(400, "a link lets its holders be \"editor\" or \"viewer\"");
        }
        if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero() || expiresIn.compareTo(LONGEST_EXPIRY) > 0)) {
            throw new Refused(400, "a link expires within " + LONGEST_EXPIRY.toDays() + " days");
        }
        String token = Tokens.random();
        Instant now = clock.instant();
        String hash = Tokens.hash(token);
        ShareLink link = new ShareLink(hash.substring(0, 16), document.value(), role,
                expiresIn == null ? null : now.plus(expiresIn), caller.id(), now);
        store.addLink(link, hash);
        return new NewLink(link, token);
    }

    public void removeLink(Person caller, DocumentId document, String linkId) throws Refused {
        owned(caller, document);
        if (!store.removeLink(document.value(), linkId)) {
            throw new Refused(404, "this document has no such link");
        }
    }

    /**
     * Makes {@code newOwner} (an account) the document's owner; the owner before stays in it as an
     * editor.
     */
    public void transfer(Person caller, DocumentId document, String newOwner) throws Refused {
        DocumentEntry entry = owned(caller, document);
        if (newOwner == null || accounts.find(newOwner).isEmpty()) {
            throw new Refused(400, "no account is named " + newOwner);
        }
        store.setOwner(document.value(), newOwner);
        store.setGrant(document.value(), newOwner, null);
        if (entry.owner() != null && !entry.owner().equals(newOwner)) {
            store.setGrant(document.value(), entry.owner(), Role.EDITOR);
        }
    }

    /**
     * The document's entry, if {@code caller} may decide who opens it: its owner, or an
     * administrator (for documents whose owner is gone, or has none).
     */
    private DocumentEntry owned(Person caller, DocumentId document) throws Refused {
        if (!access.mode().signsIn()) {
            throw new Refused(404, "nobody owns documents here: whoever has the address edits (tandem.access=link)");
        }
        Role role = access.role(document, caller, null);
        Optional<DocumentEntry> entry = store.document(document.value());
        boolean admin = caller.signedIn() && accounts.find(caller.id()).map(Account::admin).orElse(false);
        if (entry.isEmpty() || (role == null && !admin)) {
            throw new Refused(404, "no such document, or no access to it");
        }
        if (role != Role.OWNER && !admin) {
            throw new Refused(403, "only the document's owner decides who may open it");
        }
        return entry.get();
    }
}

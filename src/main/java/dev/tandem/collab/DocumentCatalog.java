package dev.tandem.collab;

import dev.tandem.access.Access;
import dev.tandem.access.AccessStore;
import dev.tandem.access.DocumentEntry;
import dev.tandem.access.Person;
import dev.tandem.access.Role;
import dev.tandem.access.Sharing;
import dev.tandem.access.Sharing.Refused;
import dev.tandem.access.Titles;
import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.DocumentId;
import dev.tandem.store.ChatStore;
import dev.tandem.store.DocumentStore;
import dev.tandem.store.LogConflict;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Documents as a person sees them in a list: which they may open, their titles, when they last
 * changed and who changed them; giving one a title, deleting one (its owner; restorable for
 * {@link #RESTORABLE}, erased after), its text to download, and a text file brought in as a new
 * document.
 */
@ApplicationScoped
public class DocumentCatalog {
    /** How long a deleted document may be restored by its owner. */
    public static final Duration RESTORABLE = Duration.ofDays(30);
    /** The most documents a list holds. */
    static final int MAX_LISTED = 200;
    /** The client id an imported text's edit is logged under: not one a client can use (it has a colon). */
    static final String IMPORT_CLIENT = "tandem:import";

    @Inject
    Access access;

    @Inject
    AccessStore accessStore;

    @Inject
    Sharing sharing;

    @Inject
    DocumentStore store;

    @Inject
    DocumentRegistry registry;

    @Inject
    ChatStore chats;

    Clock clock = Clock.systemUTC();

    /**
     * A document in a list: {@code role} what the caller may do; {@code revision}, {@code changed}
     * and {@code changedBy} of its last edit (0 and nulls: never edited); {@code deleted} when it
     * was deleted (null: it was not).
     */
    public record Summary(String id, String title, String role, String owner, long revision, Instant changed,
            String changedBy, Instant deleted) {
    }

    /**
     * The documents {@code caller} may open (owned, shared with them, or with everyone signed in),
     * the latest changed first, with the deleted ones they own that can still be restored;
     * {@code query} (null: all) keeps those whose title or id contains it, in any case.
     */
    public List<Summary> list(Person caller, String query) {
        if (!access.mode().signsIn() || !caller.signedIn()) {
            return List.of(); // where nobody signs in, a document's address is its key: nobody lists them
        }
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Summary> found = new ArrayList<>();
        for (DocumentEntry entry : accessStore.documentsOf(caller.id(), caller.groups(), MAX_LISTED)) {
            if (restorableOrLive(entry) && shownName(entry).toLowerCase(Locale.ROOT).contains(wanted)) {
                Role role = entry.deleted() != null ? Role.OWNER : access.roleIn(entry, caller); // no second read
                if (role != null) {
                    found.add(summary(entry, role));
                }
            }
        }
        found.sort(Comparator.comparing((Summary summary) -> summary.changed() == null ? Instant.EPOCH : summary.changed())
                .reversed());
        return found;
    }

    private boolean restorableOrLive(DocumentEntry entry) {
        return entry.deleted() == null || entry.deleted().plus(RESTORABLE).isAfter(clock.instant());
    }

    private static String shownName(DocumentEntry entry) {
        return entry.title() == null ? entry.id() : entry.title() + " " + entry.id();
    }

    /**
     * The document, if it exists and {@code caller} (holding share link {@code link}, or null) may
     * open it; its owner also sees it while it is deleted and restorable.
     */
    public Optional<Summary> summary(Person caller, DocumentId id, String link) {
        Optional<DocumentEntry> entry = entry(id);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (entry.get().deleted() != null) {
            return owns(caller, entry.get()) && restorableOrLive(entry.get())
                    ? Optional.of(summary(entry.get(), Role.OWNER)) : Optional.empty();
        }
        Role role = access.role(id, caller, link);
        return role == null ? Optional.empty() : Optional.of(summary(entry.get(), role));
    }

    /** What access knows of the document; where nobody signs in, also one that only its log knows. */
    private Optional<DocumentEntry> entry(DocumentId id) {
        Optional<DocumentEntry> entry = accessStore.document(id.value());
        if (entry.isEmpty() && !access.mode().signsIn() && store.lastEdit(id.value()).isPresent()) {
            return Optional.of(new DocumentEntry(id.value(), null, Map.of()));
        }
        return entry;
    }

    private Summary summary(DocumentEntry entry, Role role) {
        Optional<LoggedEdit> last = store.lastEdit(entry.id());
        return new Summary(entry.id(), entry.title(), role.wire(), entry.owner(), last.map(LoggedEdit::revision).orElse(0L),
                last.map(LoggedEdit::time).orElse(null), last.map(LoggedEdit::authorName).orElse(null), entry.deleted());
    }

    private static boolean owns(Person caller, DocumentEntry entry) {
        return caller.signedIn() && caller.id().equals(entry.owner());
    }

    /** Gives the document {@code title} (blank: none); whoever may edit it may. */
    public Summary retitle(Person caller, DocumentId id, String link, String title) throws Refused {
        Optional<String> problem = Titles.problem(title);
        if (problem.isPresent()) {
            throw new Refused(400, problem.get());
        }
        Summary before = summary(caller, id, link).filter(summary -> summary.deleted() == null)
                .orElseThrow(() -> new Refused(404, NOT_FOUND));
        if (!Role.fromWire(before.role()).atLeast(Role.EDITOR)) {
            throw new Refused(403, "only those who may edit the document may give it a title");
        }
        accessStore.setTitle(id.value(), Titles.kept(title));
        return summary(caller, id, link).orElseThrow();
    }

    /**
     * Deletes the document: it opens for nobody, everyone in it is let go, and its owner may
     * restore it for {@link #RESTORABLE}. Its owner's alone.
     */
    public void delete(Person caller, DocumentId id) throws Refused {
        DocumentEntry entry = owned(caller, id);
        if (entry.deleted() == null) {
            accessStore.setDeleted(id.value(), clock.instant());
        }
        registry.reconsider(id);
    }

    /** Undoes {@link #delete}: the document opens again as before, for those it was open to. */
    public void restore(Person caller, DocumentId id) throws Refused {
        DocumentEntry entry = owned(caller, id);
        if (entry.deleted() != null && !restorableOrLive(entry)) {
            throw new Refused(410, "this document was deleted more than " + RESTORABLE.toDays() + " days ago");
        }
        accessStore.setDeleted(id.value(), null);
    }

    private DocumentEntry owned(Person caller, DocumentId id) throws Refused {
        if (!access.mode().signsIn()) {
            throw new Refused(404, "nobody owns documents here, so nobody deletes them (tandem.access=link)");
        }
        DocumentEntry entry = entry(id).orElseThrow(() -> new Refused(404, NOT_FOUND));
        if (!owns(caller, entry)) {
            boolean opens = entry.deleted() == null && access.role(id, caller, null) != null;
            throw opens ? new Refused(403, "only the document's owner may delete or restore it")
                    : new Refused(404, NOT_FOUND);
        }
        return entry;
    }

    /** The document's text as stored now (every acknowledged edit), and its title, for a download. */
    public record Text(String id, String title, long revision, String text) {
    }

    public Optional<Text> text(Person caller, DocumentId id, String link) {
        return summary(caller, id, link).filter(summary -> summary.deleted() == null).map(summary -> {
            Snapshot snapshot = store.textAt(id.value(), summary.revision()).orElseThrow();
            return new Text(summary.id(), summary.title(), summary.revision(), snapshot.text().toString());
        });
    }

    /** A new, empty document of {@code caller}'s, named {@code requestedId} (null: a name made up) and titled {@code title}. */
    public DocumentId create(Person caller, String requestedId, String title) throws Refused {
        Optional<String> problem = Titles.problem(title);
        if (problem.isPresent()) {
            throw new Refused(400, problem.get());
        }
        DocumentId id = sharing.create(caller, requestedId);
        // where nobody signs in, nothing else records a document before its first edit
        if (Titles.kept(title) != null || !access.mode().signsIn()) {
            accessStore.setTitle(id.value(), Titles.kept(title));
        }
        return id;
    }

    /**
     * A new document of {@code caller}'s holding {@code text}, titled {@code title}: its first
     * revision is the whole text, by the caller. Returns once the text is stored.
     */
    public DocumentId importText(Person caller, String title, String text) throws Refused {
        Optional<String> problem = Titles.problem(title);
        if (problem.isPresent()) {
            throw new Refused(400, problem.get());
        }
        if (text == null || text.isEmpty()) {
            throw new Refused(400, "the text to import is empty");
        }
        if (text.indexOf('\0') >= 0 || text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            throw new Refused(400, "the text to import is not plain text (it holds U+0000 or a lone surrogate)");
        }
        int length = text.codePointCount(0, text.length());
        int max = registry.limits().maxDocumentCodePoints();
        if (length > max) {
            throw new Refused(413, "a document holds at most " + max + " characters; this text has " + length);
        }
        DocumentId id = sharing.create(caller, null);
        accessStore.setTitle(id.value(), Titles.kept(title));
        LoggedEdit edit = new LoggedEdit(1, IMPORT_CLIENT, 1, TextOperation.builder().insert(text).build(),
                clock.instant(), caller.signedIn() ? caller.id() : null, caller.signedIn() ? caller.name() : null);
        try {
            store.append(id.value(), List.of(edit), Rope.of(text)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException | TimeoutException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            throw new Refused(cause instanceof LogConflict ? 409 : 503, "the text could not be stored: try again");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "the text could not be stored: try again");
        }
        return id;
    }

    /**
     * Erases the documents deleted longer ago than {@link #RESTORABLE}: their chat, edits and
     * snapshots, then their record, grants and links (last, so that a sweep cut short is taken up
     * by the next). Returns how many it erased.
     */
    public int purge() {
        int erased = 0;
        for (String id : accessStore.deletedBefore(clock.instant().minus(RESTORABLE), PURGED_AT_ONCE)) {
            chats.erase(id);
            store.erase(id);
            accessStore.forget(id);
            erased++;
        }
        return erased;
    }

    /** The most documents one sweep erases; the next sweep takes the rest. */
    static final int PURGED_AT_ONCE = 100;

    static final String NOT_FOUND = "no such document, or no access to it";
}

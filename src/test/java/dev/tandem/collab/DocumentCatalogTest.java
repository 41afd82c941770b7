package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.access.Access;
import dev.tandem.access.AccessMode;
import dev.tandem.access.Person;
import dev.tandem.access.Role;
import dev.tandem.access.Sharing;
import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.DocumentId;
import dev.tandem.store.ChatLine;
import dev.tandem.store.LoggedEdit;
import dev.tandem.support.store.InMemoryAccessStore;
import dev.tandem.support.store.InMemoryChatStore;
import dev.tandem.support.store.InMemoryDocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Titles, deleting, restoring and erasing documents, on stores in memory and a clock of the test's. */
class DocumentCatalogTest {
    private static final Person ADA = new Person("ada", "Ada Lovelace");
    private static final Person BOB = new Person("bob", "Bob Builder");

    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final InMemoryAccessStore accessStore = new InMemoryAccessStore();
    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final InMemoryChatStore chats = new InMemoryChatStore();
    private final DocumentCatalog catalog = catalog();

    private DocumentCatalog catalog() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        DocumentCatalog made = new DocumentCatalog();
        made.access = new Access(AccessMode.ACCOUNTS, accessStore, clock);
        made.accessStore = accessStore;
        made.store = store;
        made.chats = chats;
        made.registry = TestRegistries.start(store, TestLimits.defaults().build());
        made.clock = clock;
        return made;
    }

    @AfterEach
    void stop() {
        TestRegistries.stop(catalog.registry);
    }

    private DocumentId written(String text) throws Exception {
        DocumentId id = new DocumentId("doc-" + text);
        accessStore.createDocument(id.value(), "ada");
        accessStore.setTitle(id.value(), "Plan für Q3 🚀");
        store.append(id.value(), List.of(new LoggedEdit(1, "c1", 1, TextOperation.builder().insert(text).build(), now,
                "ada", "Ada Lovelace")), Rope.of(text)).toCompletableFuture().get();
        chats.append(new ChatLine(id.value(), 1, "c1", "ada", "Ada Lovelace", "#e6194b", "hello", now));
        accessStore.setGrant(id.value(), "bob", Role.EDITOR);
        return id;
    }

    @Test
    void titlesTakeAnyCharactersAndRefuseWhatIsTooLongWithoutCuttingIt() throws Exception {
        DocumentId id = written("text");
        assertEquals("Plan für Q3 🚀", catalog.summary(BOB, id, null).orElseThrow().title());
        Sharing.Refused tooLong = assertThrows(Sharing.Refused.class,
                () -> catalog.retitle(BOB, id, null, "🚀".repeat(201)));
        assertEquals(400, tooLong.status());
        assertEquals("Plan für Q3 🚀", catalog.summary(ADA, id, null).orElseThrow().title(), "unchanged");
        assertEquals(400, assertThrows(Sharing.Refused.class, () -> catalog.retitle(BOB, id, null, "a\u0007b")).status());
        assertEquals("🚀".repeat(200), catalog.retitle(BOB, id, null, "  " + "🚀".repeat(200) + " ").title());
        assertEquals(null, catalog.retitle(BOB, id, null, "   ").title(), "blank: no title");
    }

    @Test
    void aDeletedDocumentOpensForNobodyItsOwnerRestoresItAndAfterThirtyDaysItIsErased() throws Exception {
        DocumentId kept = written("kept");
        DocumentId gone = written("gone");
        assertEquals(403, assertThrows(Sharing.Refused.class, () -> catalog.delete(BOB, gone)).status());
        catalog.delete(ADA, gone);
        assertTrue(catalog.summary(BOB, gone, null).isEmpty());
        assertTrue(catalog.text(ADA, gone, null).isEmpty(), "not even its owner reads it while deleted");
        assertTrue(catalog.summary(ADA, gone, null).orElseThrow().deleted() != null, "its owner sees it, to restore it");
        assertTrue(catalog.list(BOB, null).stream().noneMatch(doc -> doc.id().equals(gone.value())));

        catalog.restore(ADA, gone);
        assertEquals("gone", catalog.text(BOB, gone, null).orElseThrow().text(), "back, for those it was open to");

        catalog.delete(ADA, gone);
        catalog.delete(ADA, kept);
        now = now.plus(Duration.ofDays(29));
        catalog.restore(ADA, kept);
        assertEquals(0, catalog.purge(), "still restorable");
        now = now.plus(Duration.ofDays(2));
        assertEquals(410, assertThrows(Sharing.Refused.class, () -> catalog.restore(ADA, gone)).status());
        assertEquals(1, catalog.purge());
        assertTrue(store.edits(gone.value(), 0, 10, 10).isEmpty());
        assertTrue(chats.recent(gone.value(), 10).isEmpty());
        assertTrue(accessStore.document(gone.value()).isEmpty());
        assertEquals("kept", catalog.text(BOB, kept, null).orElseThrow().text(), "the restored one is untouched");
        assertEquals(1, chats.recent(kept.value(), 10).size());
    }
}

package dev.tandem.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.support.store.InMemoryAccessStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {
    private static final DocumentId DOC = new DocumentId("doc");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final InMemoryAccessStore store = new InMemoryAccessStore();
    private final Access access = new Access(AccessMode.ACCOUNTS, store, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Person ada = new Person("ada", "Ada");
    private final Person bob = new Person("bob", "Bob", Set.of("writers"));

    AccessTest() {
        store.createDocument("doc", "ada");
    }

    @Test
    void theBestOfEveryGrantThatAppliesCounts() {
        assertEquals(Role.OWNER, access.role(DOC, ada, null));
        assertNull(access.role(DOC, bob, null), "nothing granted");
        store.setGrant("doc", DocumentEntry.EVERYONE, Role.VIEWER);
        assertEquals(Role.VIEWER, access.role(DOC, bob, null));
        store.setGrant("doc", DocumentEntry.GROUP + "writers", Role.EDITOR);
        assertEquals(Role.EDITOR, access.role(DOC, bob, null), "his group's grant beats everyone's");
        assertNull(access.role(DOC, Person.guest(), null), "a guest is not everyone signed in");
        assertNull(access.role(new DocumentId("other"), ada, null), "no such document");
    }

    @Test
    void aLinkOpensItsDocumentAloneUntilItExpires() {
        store.addLink(new ShareLink("l1", "doc", Role.VIEWER, NOW.plus(Duration.ofHours(1)), "ada", NOW), Tokens.hash("tok"));
        store.addLink(new ShareLink("l2", "doc", Role.EDITOR, NOW.minusSeconds(1), "ada", NOW), Tokens.hash("old"));
        assertEquals(Role.VIEWER, access.role(DOC, Person.guest(), "tok"));
        assertNull(access.role(DOC, Person.guest(), "old"), "expired");
        assertNull(access.role(new DocumentId("other"), Person.guest(), "tok"), "another document");
        assertNull(access.role(DOC, Person.guest(), "made-up"));
    }

    @Test
    void aClientIdBelongsToItsFirstHolder() throws Exception {
        store.setGrant("doc", DocumentEntry.EVERYONE, Role.EDITOR);
        ClientMessage.Join first = new ClientMessage.Join("tab-1", null, null, null, null, null);
        assertEquals(Role.EDITOR, access.admit(DOC, bob, first).role());
        ProtocolException taken = assertThrows(ProtocolException.class, () -> access.admit(DOC, ada, first));
        assertEquals(ErrorCode.CLIENT_ID_TAKEN, taken.code());

        store.addLink(new ShareLink("l1", "doc", Role.EDITOR, null, "ada", NOW), Tokens.hash("tok"));
        Admission guest = access.admit(DOC, Person.guest(), new ClientMessage.Join("g-1", "Gus", null, null, null, "tok"));
        assertEquals("Gus (guest)", guest.name());
        ClientMessage.Join back = new ClientMessage.Join("g-1", "Gus", null, 4L, guest.clientSecret(), "tok");
        assertNull(access.admit(DOC, Person.guest(), back).clientSecret(), "the same guest, with its secret");
        ClientMessage.Join impostor = new ClientMessage.Join("g-1", "Gus", null, 4L, "guessed-secret-0123456789", "tok");
        assertEquals(ErrorCode.CLIENT_ID_TAKEN,
                assertThrows(ProtocolException.class, () -> access.admit(DOC, Person.guest(), impostor)).code());
    }
}

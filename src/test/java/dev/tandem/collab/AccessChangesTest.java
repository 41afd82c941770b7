package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.access.Access;
import dev.tandem.access.AccessMode;
import dev.tandem.access.DocumentEntry;
import dev.tandem.access.Person;
import dev.tandem.access.Role;
import dev.tandem.access.ShareLink;
import dev.tandem.access.Tokens;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.support.client.Await;
import dev.tandem.support.store.InMemoryAccessStore;
import dev.tandem.support.store.InMemoryDocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Access taken away, or running out, while people are in the document: they leave at once. */
class AccessChangesTest {
    private static final DocumentId DOC = new DocumentId("shared");

    private final InMemoryAccessStore store = new InMemoryAccessStore();
    private final DocumentRegistry registry = TestRegistries.start(new InMemoryDocumentStore(),
            TestRegistries.defaultLimits(), new Access(AccessMode.ACCOUNTS, store, Clock.systemUTC()));

    AccessChangesTest() {
        store.createDocument("shared", "ada");
    }

    @AfterEach
    void stop() {
        TestRegistries.stop(registry);
    }

    private RecordingChannel join(Person person, String clientId, String link) {
        RecordingChannel channel = new RecordingChannel();
        registry.connect(DOC, channel, null, person).receive("{\"type\":\"join\",\"clientId\":\"" + clientId
                + "\",\"clientSecret\":\"" + clientId + "-secret-0123456789\"" + (link == null ? "" : ",\"link\":\"" + link + "\"")
                + "}");
        return channel;
    }

    @Test
    void aLinkThatExpiresWhileItsHolderIsInLetsThemOutThen() throws Exception {
        store.addLink(new ShareLink("l1", "shared", Role.EDITOR, Instant.now().plus(Duration.ofMillis(400)), "ada",
                Instant.now()), Tokens.hash("expiring"));
        RecordingChannel guest = join(Person.guest(), "guest-1", "expiring");
        RecordingChannel owner = join(new Person("ada", "Ada"), "ada-1", null);
        assertTrue(guest.frames.get(0).contains("\"role\":\"editor\""), guest.frames.toString());
        assertTrue(guest.closes.isEmpty());
        Await.until(() -> !guest.closes.isEmpty());
        assertEquals(List.of(CloseCode.ACCESS), guest.closes);
        assertTrue(owner.closes.isEmpty(), "the owner stays");
    }

    @Test
    void aGrantTakenAwayLetsOutOnlyThoseItLetIn() {
        store.setGrant("shared", "bob", Role.EDITOR);
        store.setGrant("shared", DocumentEntry.EVERYONE, Role.VIEWER);
        RecordingChannel bob = join(new Person("bob", "Bob"), "bob-1", null);
        RecordingChannel cat = join(new Person("cat", "Cat"), "cat-1", null);
        store.setGrant("shared", "bob", null);
        registry.reconsider(DOC);
        assertEquals(List.of(CloseCode.ACCESS), bob.closes, "bob may now only view: he joins again as a viewer");
        assertTrue(cat.closes.isEmpty(), "cat may still view, as she did");
    }
}

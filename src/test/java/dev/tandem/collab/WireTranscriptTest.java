package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.ot.Rope;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.store.LoggedEdit;
import dev.tandem.support.store.InMemoryDocumentStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the service says, byte for byte, to a scripted set of clients: every kind of message,
 * every error and every close of docs/protocol.md. The expected transcript
 * ({@code wire-transcript.txt}) is the public contract as the server speaks it; a change to it is
 * a change to the protocol.
 */
class WireTranscriptTest {
    private static final String DOC = "transcript";

    private final List<String> transcript = new ArrayList<>();
    private final Map<String, Connection> connections = new HashMap<>();
    private final FailingStore store = new FailingStore();
    private final DocumentRegistry registry = TestRegistries.start(store,
            TestLimits.defaults().maxMessageBytes(300).maxDocumentCodePoints(60).editsPerSecond(1000).historyWindow(4).noBatching().maxParticipants(4).build());

    /** A store that can be told to fail its next write. */
    static final class FailingStore extends InMemoryDocumentStore {
        boolean failNext;

        @Override
        public CompletionStage<Void> append(String documentId, List<LoggedEdit> edits, Rope textAfter) {
            if (failNext) {
                failNext = false;
                return CompletableFuture.failedFuture(new IllegalStateException("the disk is full"));
            }
            return super.append(documentId, edits, textAfter);
        }
    }

    @AfterEach
    void stop() {
        registry.stop();
    }

    /** A new connection named {@code who} (a name may be reused for a later connection). */
    private void connect(String who) {
        connections.put(who, registry.connect(new DocumentId(DOC), new Channel() {
            @Override
            public void send(String frame, Consumer<Throwable> done) {
                // an issued secret is random: the transcript shows where it goes, not what it is
                transcript.add(who + " < " + frame.replaceAll("\"clientSecret\":\"[^\"]+\"", "\"clientSecret\":\"(issued)\""));
                done.accept(null);
            }

            @Override
            public void close(CloseCode reason, String message) {
                transcript.add(who + " closed " + reason.code() + " " + message);
            }
        }, null, dev.tandem.access.Person.guest()));
    }

    private void say(String who, String message) {
        transcript.add(who + " > " + message);
        connections.get(who).receive(message);
    }

    @Test
    void theServerSaysExactlyWhatTheProtocolSays() throws IOException {
        connect("ada");
        say("ada", "{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[\"x\"]}");
        say("ada", "{\"type\":\"join\",\"clientSecret\":\"ada-secret-0123456789\",\"clientId\":\"ada\",\"name\":\" Ada \",\"color\":\"#4363d8\"}");
        say("ada", "{\"type\":\"join\",\"clientSecret\":\"ada-secret-0123456789\",\"clientId\":\"ada\"}");
        say("ada", "{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[\"hello\"]}");
        connect("bob");
        say("bob", "{\"type\":\"join\",\"clientSecret\":\"bob-secret-0123456789\",\"clientId\":\"bob\"}");
        say("ada", "{\"type\":\"selection\",\"revision\":1,\"ranges\":[{\"anchor\":0,\"head\":5}]}");
        // concurrent edits on revision 1: bob's first, ada's transformed past it
        say("bob", "{\"type\":\"edit\",\"revision\":1,\"seq\":1,\"op\":[5,\" world\"]}");
        say("ada", "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[\"Oh, \",5]}");
        say("ada", "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[\"Oh, \",5]}");
        say("ada", "{\"type\":\"edit\",\"revision\":3,\"seq\":1,\"op\":[15,\"!\"]}");
        say("ada", "{\"type\":\"edit\",\"revision\":9,\"seq\":3,\"op\":[15,\"!\"]}");
        say("ada", "{\"type\":\"edit\",\"revision\":3,\"seq\":3,\"op\":[3,\"!\"]}");
        say("ada", "{\"type\":\"edit\",\"revision\":3,\"seq\":3,\"op\":[15,0]}");
        say("ada", "{\"type\":\"edit\",\"revision\":3,\"seq\":3,\"op\":[15,\"" + "x".repeat(50) + "\"]}");
        say("ada", "not json");
        say("ada", "[1,2]");
        say("ada", "{\"type\":\"shout\"}");
        say("ada", "{\"type\":\"edit\",\"revision\":3,\"seq\":3,\"op\":5}");
        say("ada", "{\"type\":\"edit\",\"revision\":3}");
        say("ada", "{\"type\":\"selection\",\"revision\":3,\"ranges\":[{\"anchor\":0,\"head\":99}]}");
        say("ada", "{\"type\":\"selection\",\"revision\":7,\"ranges\":[]}");
        say("bob", "{\"type\":\"selection\",\"revision\":2,\"ranges\":[{\"anchor\":11,\"head\":11}]}");
        // a third person resumes from revision 1 (it had been here before), a fourth gets a copy
        connect("cat");
        say("cat", "{\"type\":\"join\",\"clientSecret\":\"cat-secret-0123456789\",\"clientId\":\"cat\",\"name\":\"Cat\",\"color\":\"red\",\"lastSeenRevision\":1}");
        connect("dan");
        say("dan", "{\"type\":\"join\",\"clientSecret\":\"dan-secret-0123456789\",\"clientId\":\"dan\",\"name\":\"Dan\",\"lastSeenRevision\":99}");
        // eve sends no secret: the server hands one out
        connect("eve");
        say("eve", "{\"type\":\"join\",\"clientId\":\"eve\",\"name\":\"Eve\"}");
        // someone else cannot take bob's client id, with no secret or a wrong one
        connect("mal");
        say("mal", "{\"type\":\"join\",\"clientId\":\"bob\"}");
        connect("mal");
        say("mal", "{\"type\":\"join\",\"clientId\":\"bob\",\"clientSecret\":\"guessed-0123456789\"}");
        // bob on a new connection: the old one is replaced
        connect("bob");
        say("bob", "{\"type\":\"join\",\"clientSecret\":\"bob-secret-0123456789\",\"clientId\":\"bob\",\"lastSeenRevision\":3}");
        for (int seq = 3; seq <= 7; seq++) { // revisions 4 to 8, each one "!" longer than 15 code points
            say("ada", "{\"type\":\"edit\",\"revision\":" + seq + ",\"seq\":" + seq + ",\"op\":[" + (seq + 12) + ",\"!\"]}");
        }
        // too far behind: the history keeps four revisions
        say("dan", "{\"type\":\"edit\",\"revision\":3,\"seq\":1,\"op\":[15,\"?\"]}");
        connect("dan");
        say("dan", "{\"type\":\"join\",\"clientSecret\":\"dan-secret-0123456789\",\"clientId\":\"dan\",\"lastSeenRevision\":3}");
        say("cat", "{\"type\":\"edit\",\"revision\":8,\"seq\":1,\"op\":[\"" + "y".repeat(290) + "\",20]}");
        say("bob", "{\"type\":\"leave\"}");
        // the store fails: everyone is disconnected, and the document comes back from the store
        store.failNext = true;
        say("ada", "{\"type\":\"edit\",\"revision\":8,\"seq\":8,\"op\":[20,\".\"]}");
        connect("ada");
        say("ada", "{\"type\":\"join\",\"clientSecret\":\"ada-secret-0123456789\",\"clientId\":\"ada\",\"lastSeenRevision\":8}");
        say("ada", "{\"type\":\"edit\",\"revision\":8,\"seq\":8,\"op\":[20,\".\"]}");

        String actual = String.join("\n", transcript) + "\n";
        String expected = expected();
        if (!expected.equals(actual)) {
            // beside the report, to compare with a diff tool
            Files.writeString(Path.of("target", "wire-transcript.actual.txt"), actual);
        }
        assertEquals(expected, actual);
    }

    private static String expected() throws IOException {
        try (InputStream in = WireTranscriptTest.class.getResourceAsStream("/wire-transcript.txt")) {
            return in == null ? "(no wire-transcript.txt)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

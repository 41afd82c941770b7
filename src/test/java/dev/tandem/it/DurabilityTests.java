package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.Await;
import dev.tandem.client.OtClient;
import dev.tandem.client.WebSocketLink;
import dev.tandem.ot.TextOperation;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tandem on a Payara Micro process of its own, started as the README starts it, killed and
 * restarted on the same root directory (so the same embedded database): nothing acknowledged is
 * lost, and nothing is applied twice.
 */
class DurabilityIT {
    private static PayaraMicroProcess server;
    private final ClientManager websockets = ClientManager.createClient();

    @BeforeAll
    static void boot() throws Exception {
        server = new PayaraMicroProcess(Path.of("target", "payara-durability", "root-" + System.currentTimeMillis())
                .toAbsolutePath(), List.of()); // a fresh database every run
        server.start();
    }

    @AfterAll
    static void shutDown() throws Exception {
        server.close();
    }

    /** A client and its current connection; a new connection after each restart. */
    private final class Typist {
        final OtClient client;
        volatile WebSocketLink link;
        final String letter;

        Typist(String docId, String id, String letter) throws Exception {
            this.letter = letter;
            client = new OtClient(id, "Typist " + id, message -> link.send(message));
            connect(docId);
            Await.until(() -> client.revision() >= 0);
        }

        void connect(String docId) throws Exception {
            link = WebSocketLink.connect(websockets, URI.create(server.base().toString().replaceFirst("^http", "ws")
                    + "ws/docs/" + docId), null, client);
            client.join();
        }

        Thread typing(int count) {
            Random random = new Random(letter.hashCode());
            Thread thread = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    synchronized (client) {
                        int at = random.nextInt(client.length() + 1);
                        client.edit(TextOperation.builder().retain(at).insert(letter).retain(client.length() - at).build());
                    }
                    try {
                        Thread.sleep(5 + random.nextInt(20));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
            return thread;
        }
    }

    @Test
    void killedWhileThreePeopleTypeEveryAcknowledgedEditSurvivesAndNoneIsAppliedTwice() throws Exception {
        String docId = "killed-" + System.nanoTime();
        List<Typist> typists = List.of(new Typist(docId, "k-a", "a"), new Typist(docId, "k-b", "b"),
                new Typist(docId, "k-c", "c"));
        List<Thread> threads = new ArrayList<>();
        typists.forEach(typist -> threads.add(typist.typing(80)));
        Await.until(() -> typists.get(0).client.revision() >= 40);
        long acknowledged = typists.stream().mapToLong(typist -> typist.client.revision()).max().orElseThrow();

        server.kill(); // kill -9, mid-typing: the typists go on, offline
        server.start();
        for (Typist typist : typists) {
            typist.connect(docId); // resumes from its last seen revision, resends its unacknowledged edit
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        String text = converged(typists);
        assertTrue(typists.get(0).client.revision() >= acknowledged, "the revisions acknowledged before the kill remain");
        for (Typist typist : typists) {
            assertEquals(80, text.chars().filter(c -> c == typist.letter.charAt(0)).count(),
                    "every " + typist.letter + " once: " + text);
            assertTrue(typist.client.errors().isEmpty(), typist.client.errors().toString());
        }
    }

    @Test
    void aCleanRestartKeepsTextAndRevisionsAndForgetsWhoWasThere() throws Exception {
        String docId = "restarted-" + System.nanoTime();
        Typist ada = new Typist(docId, "r-a", "x");
        Typist bob = new Typist(docId, "r-b", "y");
        ada.typing(10).join();
        bob.typing(10).join();
        String before = converged(List.of(ada, bob));
        long revision = ada.client.revision();

        server.stop();
        server.start();
        Typist cat = new Typist(docId, "r-c", "z");
        assertEquals(before, cat.client.text());
        assertEquals(revision, cat.client.revision());
        assertEquals(List.of(), cat.client.peers(), "nobody else is there until they come back");
        ada.connect(docId);
        Await.until(() -> cat.client.peers().contains("r-a"));
        assertEquals(before, converged(List.of(ada, cat)));
    }

    private static String converged(List<Typist> typists) throws InterruptedException {
        String text = Await.settledTogether(typists.stream().map(typist -> typist.client).toList());
        for (Typist typist : typists) {
            assertEquals(text, typist.client.text());
        }
        return text;
    }
}

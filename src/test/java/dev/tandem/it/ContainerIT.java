package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSocketLink;
import jakarta.websocket.CloseReason;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.exception.DeploymentHandshakeException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR that Maven builds, deployed on Payara Micro and driven from outside over HTTP and
 * WebSocket. One class, so one server boot, for every container test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerIT {

    @Deployment(testable = false)
    static WebArchive tandem() {
        File war = new File(System.getProperty("tandem.war", "target/tandem.war"));
        return ShrinkWrap.create(ZipImporter.class, "tandem.war").importFrom(war).as(WebArchive.class);
    }

    @ArquillianResource
    URL base;

    private final ClientManager websockets = ClientManager.createClient();

    private URI document(String id) {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "ws/docs/" + id);
    }

    private String sameOrigin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    @Test
    void servesTheIndexPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<title>Documents · Tandem</title>"), response.body());
    }

    @Test
    void clientsTypingTogetherOverWebSocketsConverge() throws Exception {
        List<OtClient> clients = new ArrayList<>();
        List<WebSocketLink> links = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WebSocketLink[] link = new WebSocketLink[1];
            OtClient client = new OtClient("ws" + i, "Typist " + i, message -> link[0].send(message));
            link[0] = WebSocketLink.connect(websockets, document("converge"), sameOrigin(), client);
            assertEquals("tandem.v1", link[0].subprotocol());
            client.join();
            clients.add(client);
            links.add(link[0]);
        }
        for (OtClient client : clients) {
            Await.until(() -> client.revision() >= 0);
        }
        List<Thread> typists = new ArrayList<>();
        for (OtClient client : clients) {
            Random random = new Random(client.clientId().hashCode());
            typists.add(new Thread(() -> {
                for (int i = 0; i < 60; i++) {
                    synchronized (client) {
                        int at = random.nextInt(client.length() + 1);
                        client.edit(TextOperation.builder().retain(at).insert(client.clientId().substring(2))
                                .retain(client.length() - at).build());
                    }
                    sleep(random.nextInt(3));
                }
            }));
            typists.get(typists.size() - 1).start();
        }
        for (Thread typist : typists) {
            typist.join(TimeUnit.SECONDS.toMillis(60));
        }
        String text = Await.settledTogether(clients);
        assertEquals(240, text.length());
        for (OtClient client : clients) {
            assertEquals(text, client.text());
            assertEquals(60, text.chars().filter(c -> c == client.clientId().charAt(2)).count());
            assertTrue(client.errors().isEmpty(), client.errors().toString());
        }
        for (WebSocketLink link : links) {
            link.close();
        }
    }

    @Test
    void historyGivesTheTextAtEachRevisionAndWhoMadeEachEdit() throws Exception {
        WebSocketLink[] link = new WebSocketLink[1];
        OtClient ada = new OtClient("historian", "Ada", message -> link[0].send(message));
        link[0] = WebSocketLink.connect(websockets, document("history"), sameOrigin(), ada);
        ada.join();
        Await.until(() -> ada.revision() >= 0);
        for (String letter : List.of("a", "b", "😀")) {
            ada.edit(TextOperation.builder().retain(ada.length()).insert(letter).build());
            Await.until(ada::settled);
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create(base + "api/docs/history/revisions/2"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, second.statusCode());
        assertEquals("{\"revision\":2,\"text\":\"ab\"}", second.body());
        HttpResponse<String> edits = http.send(HttpRequest.newBuilder(URI.create(base + "api/docs/history/edits?from=1&to=3"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, edits.statusCode());
        assertTrue(edits.body().matches("\\{\"edits\":\\[\\{\"revision\":2,\"clientId\":\"historian\",\"seq\":2,\"op\":\\[1,\"b\"\\],\"time\":\"[^\"]+\",\"authorName\":\"Ada\"\\},"
                + "\\{\"revision\":3,\"clientId\":\"historian\",\"seq\":3,\"op\":\\[2,\"😀\"\\],\"time\":\"[^\"]+\",\"authorName\":\"Ada\"\\}\\]\\}"), edits.body());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "api/docs/history/revisions/9")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        link[0].close();
    }

    @Test
    void pagesOfOtherSitesAreRefused() {
        DeploymentHandshakeException refused = assertThrows(DeploymentHandshakeException.class, () ->
                WebSocketLink.open(websockets, document("origin"), "http://evil.example", frame -> { }));
        assertEquals(403, refused.getHttpStatusCode());
    }

    @Test
    void badDocumentIdsAndOversizedMessagesAreClosedWithTheirCodes() throws Exception {
        WebSocketLink badId = WebSocketLink.open(websockets, document("bad.id"), sameOrigin(), frame -> { });
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY,
                badId.closed.get(10, TimeUnit.SECONDS).getCloseCode());

        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocketLink big = WebSocketLink.open(websockets, document("big"), sameOrigin(), frames::add);
        big.sendRaw("{\"type\":\"join\",\"clientId\":\"big\",\"name\":\"" + "x".repeat(70_000) + "\"}");
        assertEquals(CloseReason.CloseCodes.TOO_BIG, big.closed.get(10, TimeUnit.SECONDS).getCloseCode());
    }

    @Test
    void malformedMessagesGetAnErrorAndTheConnectionStays() throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocketLink link = WebSocketLink.open(websockets, document("errors"), sameOrigin(), frames::add);
        link.sendRaw("{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[1]}");
        Await.until(() -> !frames.isEmpty());
        assertTrue(frames.get(0).contains("\"code\":\"not-joined\""), frames.get(0));
        link.sendRaw("{\"type\":\"join\",\"clientId\":\"e1\"}");
        Await.until(() -> frames.size() >= 2);
        assertTrue(frames.get(1).contains("\"type\":\"welcome\""), frames.get(1));
        link.close();
    }

    @Test
    void aClosedConnectionLeavesThePresenceListAndResumesLater() throws Exception {
        WebSocketLink[] ada = new WebSocketLink[1];
        OtClient adaClient = new OtClient("ada", "Ada", message -> ada[0].send(message));
        ada[0] = WebSocketLink.connect(websockets, document("presence"), sameOrigin(), adaClient);
        adaClient.join();
        WebSocketLink[] bob = new WebSocketLink[1];
        OtClient bobClient = new OtClient("bob", "Bob", message -> bob[0].send(message));
        bob[0] = WebSocketLink.connect(websockets, document("presence"), sameOrigin(), bobClient);
        bobClient.join();
        Await.until(() -> adaClient.peers().contains("bob"));

        bob[0].close();                                   // the connection dies, no leave message
        Await.until(() -> !adaClient.peers().contains("bob"));

        adaClient.edit(TextOperation.builder().insert("while you were away").build());
        Await.until(adaClient::settled);
        bob[0] = WebSocketLink.connect(websockets, document("presence"), sameOrigin(), bobClient);
        bobClient.join();                                 // resumes from the revision it had
        Await.until(() -> bobClient.revision() == adaClient.revision());
        assertEquals("while you were away", bobClient.text());
        Await.until(() -> adaClient.peers().contains("bob"));
        ada[0].close();
        bob[0].close();
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.support.browser.Browsers;
import dev.tandem.support.browser.EditorPage;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.LongPollLink;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSocketLink;
import dev.tandem.support.server.WildFlyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same WAR on WildFly, a Jakarta EE 10 server that shares no WebSocket, servlet, REST or JPA
 * code with Payara (Undertow, RESTEasy, Hibernate), on its default data source: people on
 * WebSocket and long polling converge, the history API answers, the editor page loads and types in
 * a real Chromium, Tandem's readiness check is among WildFly's, and what is Payara's alone (the
 * Tyrus idle-timer scheduler, MicroProfile Metrics) steps aside with a line in the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyIT {
    private WildFlyServer server;
    private final ClientManager websockets = ClientManager.createClient();
    private org.eclipse.jetty.client.HttpClient longPolls;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    void boot() throws Exception {
        server = new WildFlyServer(Path.of("target", "wildfly-it", Long.toString(System.currentTimeMillis())),
                Map.of("TANDEM_ACCESS", "link"));
        server.start();
        longPolls = LongPollLink.newHttpClient();
    }

    @AfterAll
    void shutDown() throws Exception {
        for (AutoCloseable connection : open) {
            connection.close();
        }
        if (longPolls != null) {
            longPolls.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    private String origin() {
        return "http://localhost:" + server.base().getPort();
    }

    private OtClient webSocket(String doc, String id) throws Exception {
        WebSocketLink[] link = new WebSocketLink[1];
        OtClient client = new OtClient(id, id, message -> link[0].send(message));
        link[0] = WebSocketLink.connect(websockets, URI.create(origin().replaceFirst("^http", "ws") + "/ws/docs/" + doc),
                origin(), client);
        open.add(link[0]::close);
        client.join();
        return client;
    }

    private OtClient longPolling(String doc, String id) {
        LongPollLink[] poll = new LongPollLink[1];
        OtClient client = new OtClient(id, id, message -> poll[0].send(message));
        poll[0] = LongPollLink.connect(longPolls, server.base().resolve("lp/docs/" + doc), origin(), client);
        open.add(poll[0]);
        client.join();
        return client;
    }

    @Test
    void webSocketAndLongPollingClientsConvergeAndTheHistoryAnswers() throws Exception {
        String doc = "wildfly-" + System.nanoTime();
        List<OtClient> clients = List.of(webSocket(doc, doc + "-a"), webSocket(doc, doc + "-b"), longPolling(doc, doc + "-c"));
        Await.until(() -> clients.stream().allMatch(client -> client.revision() >= 0));
        for (int round = 0; round < 10; round++) {
            for (OtClient client : clients) {
                synchronized (client) {
                    client.edit(TextOperation.builder().retain(client.length()).insert(client.clientId().substring(
                            client.clientId().length() - 1)).build());
                }
            }
        }
        String text = Await.settledTogether(clients);
        assertEquals(30, text.length(), text);
        assertTrue(clients.stream().allMatch(client -> client.errors().isEmpty()));

        long revision = clients.get(0).revision();
        HttpResponse<String> history = http.send(HttpRequest.newBuilder(server.base().resolve("api/docs/" + doc
                + "/revisions/" + revision)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, history.statusCode(), history.body());
        assertTrue(history.body().contains("\"text\":\"" + text + "\""), history.body());
    }

    @Test
    void theEditorPageLoadsAndTypesWithOthers() throws Exception {
        String doc = "wildfly-page-" + System.nanoTime();
        OtClient other = webSocket(doc, doc + "-ws");
        Await.until(() -> other.revision() >= 0);
        try (Browsers browsers = new Browsers()) {
            EditorPage page = browsers.person("Ada", server.base().resolve("d/" + doc));
            page.type("typed in Chromium");
            Await.until(() -> other.text().equals("typed in Chromium"), other::text);
            synchronized (other) {
                other.edit(TextOperation.builder().retain(other.length()).insert(" and Java").build());
            }
            Await.until(() -> page.text().equals(other.text()) && other.settled(), () -> page.text() + " / " + other.text());
            assertEquals("typed in Chromium and Java", page.text());
        }
    }

    @Test
    void tandemsReadinessIsAmongWildFlysAndPayarasOwnPartsStepAside() throws Exception {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(server.management().resolve("health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"name\":\"tandem\",\"status\":\"UP\""), ready.body());
        String log = Files.readString(server.log());
        assertTrue(log.contains("WebSocket idle timers stay on the container's scheduler: it is not Tyrus's"), "see " + server.log());
        assertTrue(log.contains("this server has no MicroProfile Metrics"), "see " + server.log());
    }
}

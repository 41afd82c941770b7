package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSocketLink;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tandem on the Payara Micro that the README runs: what it says of itself, and what it opens. */
@ExtendWith(RunningTandem.class)
class ServerLogIT {

    @Test
    void webSocketIdleTimersRunOnTandemsOwnScheduler(PayaraMicroProcess server) throws Exception {
        assertTrue(server.log().contains("WebSocket idle timers run on Tandem's own scheduler"),
                "Payara's Tyrus is recognised (IdleTimers)");
    }

    /** On the JDK the run asked for (`-Dtandem.it.newest-java`: .ci/run gives JDK 25 where it is installed). */
    @Test
    void runsOnTheJdkAskedFor(PayaraMicroProcess server) throws Exception {
        String asked = System.getProperty("tandem.it.newest-java", "");
        System.out.println("the shared server runs on " + server.java());
        if (!asked.isBlank()) {
            assertEquals(asked, server.java());
            assertEquals(Path.of(asked).toRealPath(), Path.of(server.processCommand()).toRealPath());
        }
    }

    /**
     * The log names what a search needs (connection, transport, document, client, error code) and
     * never what people typed or sent: here a second client refused the first one's client id.
     */
    @Test
    void theLogNamesConnectionsAndCodesButHoldsNoText(PayaraMicroProcess server) throws Exception {
        String doc = "logged-" + System.nanoTime();
        String typed = "typed-marker-" + System.nanoTime();
        String named = "name-marker-" + System.nanoTime();
        ClientManager websockets = ClientManager.createClient();
        URI address = URI.create(server.base().toString().replaceFirst("^http", "ws") + "ws/docs/" + doc);
        WebSocketLink[] link = new WebSocketLink[1];
        OtClient owner = new OtClient(doc + "-c", "Owner", message -> link[0].send(message));
        link[0] = WebSocketLink.connect(websockets, address, null, owner);
        owner.join();
        Await.until(() -> owner.revision() >= 0);
        owner.edit(TextOperation.builder().insert(typed).build());
        Await.until(owner::settled);

        WebSocketLink impostor = WebSocketLink.open(websockets, address, null, frame -> { });
        impostor.sendRaw("{\"type\":\"join\",\"clientId\":\"" + doc + "-c\",\"clientSecret\":\"not-the-owners-0123456789\","
                + "\"name\":\"" + named + "\"}");
        Pattern refusal = Pattern.compile("refused, closing connection=c\\d+ transport=websocket document=" + Pattern.quote(doc)
                + " client=" + Pattern.quote(doc + "-c") + " code=client-id-taken");
        Await.until(() -> refusal.matcher(log(server)).find(), () -> "no refusal logged: see " + server.base());
        String log = log(server);
        assertFalse(log.contains(typed), "what was typed is not in the log");
        assertFalse(log.contains(named), "what was sent is not in the log");
        link[0].close();
    }

    private static String log(PayaraMicroProcess server) {
        try {
            return server.log();
        } catch (java.io.IOException unreadable) {
            return "";
        }
    }

    /** Errors get Tandem's own short answers, and no answer names the server or its version. */
    @Test
    void answersNameNoServer(PayaraMicroProcess server) throws Exception {
        // HTTP/1.1, as the protocol asks: Java's default first request asks to upgrade to HTTP/2
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String origin = "http://localhost:" + server.port();
        Map<HttpRequest, Integer> requests = Map.of(
                HttpRequest.newBuilder(server.base()).build(), 200,
                HttpRequest.newBuilder(server.base().resolve("no/such/page")).build(), 404,
                HttpRequest.newBuilder(server.base()).DELETE().build(), 403,
                HttpRequest.newBuilder(server.base().resolve("api/docs/a/revisions/not-a-number")).build(), 404,
                HttpRequest.newBuilder(server.base().resolve("lp/docs/a")).header("Origin", "http://evil.example")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), 403,
                HttpRequest.newBuilder(server.base().resolve("d/a")).header("Origin", origin).build(), 200,
                // MicroProfile's endpoints are on the management port, not here
                HttpRequest.newBuilder(server.base().resolve("health/ready")).build(), 404,
                HttpRequest.newBuilder(server.base().resolve("metrics")).build(), 404,
                HttpRequest.newBuilder(server.base().resolve("openapi")).build(), 404);
        for (Map.Entry<HttpRequest, Integer> request : requests.entrySet()) {
            HttpResponse<String> response = http.send(request.getKey(), HttpResponse.BodyHandlers.ofString());
            String seen = request.getKey().method() + " " + request.getKey().uri() + " -> " + response.statusCode()
                    + " " + response.headers().map() + " " + response.body();
            assertEquals(request.getValue(), response.statusCode(), seen);
            assertFalse(seen.toLowerCase(Locale.ROOT).contains("payara") || seen.contains("Servlet/")
                    || seen.toLowerCase(Locale.ROOT).contains("glassfish"), seen);
            if (response.statusCode() >= 400) {
                assertTrue(response.body().startsWith(response.statusCode() + " "), seen);
                assertTrue(response.headers().firstValue("Content-Type").orElse("text/plain").startsWith("text/plain"), seen);
            }
        }
    }

    /** Neither the embedded database nor the data grid listens: HTTP, and the management port on loopback alone. */
    @Test
    void nothingButTheHttpPortListensToTheNetwork(PayaraMicroProcess server) throws Exception {
        Map<Integer, InetAddress> listening = server.listening();
        assertEquals(Set.of(server.port(), server.managementPort()), listening.keySet());
        assertTrue(listening.get(server.port()).isAnyLocalAddress(), listening.toString());
        assertTrue(listening.get(server.managementPort()).isLoopbackAddress(), listening.toString());
    }

    /**
     * The management port answers health checks and metrics, Tandem's own among them: the
     * server is ready and alive, and an edit shows in the figures.
     */
    @Test
    void healthAndMetricsOnTheManagementPort(PayaraMicroProcess server) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String check : List.of("health/ready", "health/live")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.management().resolve(check)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"name\":\"tandem\",\"status\":\"UP\""), answer.body());
        }
        WebSocketLink[] link = new WebSocketLink[1];
        OtClient client = new OtClient("metered", "Metered", message -> link[0].send(message));
        link[0] = WebSocketLink.connect(ClientManager.createClient(), URI.create(server.base().toString()
                .replaceFirst("^http", "ws") + "ws/docs/metered-" + System.nanoTime()), null, client);
        client.join();
        Await.until(() -> client.revision() >= 0);
        client.edit(TextOperation.builder().insert("counted").build());
        Await.until(client::settled);

        String metrics = http.send(HttpRequest.newBuilder(server.management().resolve("metrics?scope=application"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String figure : List.of("tandem_edits_total", "tandem_ack_time_count", "tandem_store_commit_time_count",
                "tandem_frames_sent_total{mp_scope=\"application\",transport=\"websocket\"}",
                "tandem_sent_bytes_total{mp_scope=\"application\",transport=\"websocket\"}",
                "tandem_connections{mp_scope=\"application\",transport=\"websocket\"}")) {
            Matcher value = Pattern.compile("(?m)^" + Pattern.quote(figure) + "(\\{[^}]*\\})? ([0-9.E]+)$").matcher(metrics);
            assertTrue(value.find(), figure + " in " + metrics);
            assertTrue(Double.parseDouble(value.group(2)) >= 1, figure + " counts: " + value.group());
        }
        link[0].close();
    }

    /** The README's root directory (the embedded database, the server's configuration) is its owner's alone. */
    @Test
    void theReadmesRootDirectoryIsPrivate() throws Exception {
        Path rootDir = Path.of(".tandem", "payara");
        assertTrue(Files.isDirectory(rootDir), "made by the build, before the server's first start");
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(rootDir));
    }
}

package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tandem on the Payara Micro that the README runs: what it says of itself, and what it opens. */
@ExtendWith(RunningTandem.class)
class ServerLogIT {

    @Test
    void webSocketIdleTimersRunOnTandemsOwnScheduler(PayaraMicroProcess server) throws Exception {
        assertTrue(server.log().contains("WebSocket idle timers run on Tandem's own scheduler"),
                "Payara's Tyrus is recognised (IdleTimerScheduler)");
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
                // MicroProfile's endpoints, served next to Tandem, are closed to the network
                HttpRequest.newBuilder(server.base().resolve("health")).build(), 403,
                HttpRequest.newBuilder(server.base().resolve("metrics")).build(), 403,
                HttpRequest.newBuilder(server.base().resolve("openapi")).build(), 403);
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

    /** Neither the embedded database nor the data grid listens: only HTTP. */
    @Test
    void nothingButTheHttpPortListens(PayaraMicroProcess server) throws Exception {
        assertEquals(Set.of(server.port()), server.listeningPorts());
    }

    /** The README's root directory (the embedded database, the server's configuration) is its owner's alone. */
    @Test
    void theReadmesRootDirectoryIsPrivate() throws Exception {
        Path rootDir = Path.of(".tandem", "payara");
        assertTrue(Files.isDirectory(rootDir), "made by the build, before the server's first start");
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(rootDir));
    }
}

package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.LongPollLink;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSocketLink;
import dev.tandem.support.server.FreePorts;
import dev.tandem.support.server.NginxProxy;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.TestCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tandem over TLS, both ways docs/operations.md describes, with a certificate the test makes: TLS
 * ended by a proxy (nginx; Tandem told its public origin), and TLS in Payara Micro itself
 * ({@code --sslport}, the key store and its password from an argument file of the operator's).
 * Over each, people on wss and on long polling over https type into one document and converge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {
    private TestCertificate certificate;
    private PayaraMicroProcess server;
    private NginxProxy proxy;
    private int tlsPort;
    private ClientManager websockets;
    private org.eclipse.jetty.client.HttpClient longPolls;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    void boot() throws Exception {
        Path dir = Path.of("target", "payara-it", "tls-" + System.currentTimeMillis()).toAbsolutePath();
        certificate = TestCertificate.make(dir.resolve("certificate"));
        tlsPort = FreePorts.take();
        // the key store's password in an argument file of the operator's, not on the command line
        Path secrets = dir.resolve("tls.args");
        Files.writeString(secrets, "-Djavax.net.ssl.keyStore=" + certificate.keyStore() + "\n"
                + "-Djavax.net.ssl.keyStorePassword=" + certificate.password() + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        server = new PayaraMicroProcess(dir.resolve("root"), List.of("tandem.access=link"))
                .withJvmArguments(List.of("@" + secrets));
        proxy = new NginxProxy(dir.resolve("nginx"), server.base()).withTls(certificate);
        server.with(List.of("--sslport", Integer.toString(tlsPort), "--sslcert", TestCertificate.ALIAS),
                Map.of("TANDEM_PUBLIC_ORIGINS", proxy.origin() + "," + payarasOrigin()));
        server.start();
        proxy.start();
        proxy.passWebSockets();
        websockets = ClientManager.createClient();
        websockets.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                new SslEngineConfigurator(certificate.trusting(), true, false, false));
        longPolls = LongPollLink.newHttpClient(certificate.trusting());
    }

    private String payarasOrigin() {
        return "https://localhost:" + tlsPort;
    }

    @AfterAll
    void shutDown() throws Exception {
        for (AutoCloseable connection : open) {
            connection.close();
        }
        if (longPolls != null) {
            longPolls.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void throughAProxyThatEndsTls() throws Exception {
        typeTogetherAt(proxy.origin());
    }

    @Test
    void onPayaraMicrosOwnTls() throws Exception {
        typeTogetherAt(payarasOrigin());
    }

    /** A page of this origin loads, and two WebSocket clients and a long-polling one type into one document and converge. */
    private void typeTogetherAt(String origin) throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(certificate.trusting())
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(origin + "/d/tls-page")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("importmap"), "the editor page");

        String doc = "tls-" + System.nanoTime();
        List<OtClient> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WebSocketLink[] link = new WebSocketLink[1];
            OtClient client = new OtClient(doc + "-ws" + i, "Secure " + i, message -> link[0].send(message));
            link[0] = WebSocketLink.connect(websockets, URI.create(origin.replaceFirst("^https", "wss") + "/ws/docs/" + doc),
                    origin, client);
            open.add(link[0]::close);
            client.join();
            clients.add(client);
        }
        LongPollLink[] poll = new LongPollLink[1];
        OtClient polling = new OtClient(doc + "-lp", "Secure poller", message -> poll[0].send(message));
        poll[0] = LongPollLink.connect(longPolls, URI.create(origin + "/lp/docs/" + doc), origin, polling);
        open.add(poll[0]);
        polling.join();
        clients.add(polling);
        Await.until(() -> clients.stream().allMatch(client -> client.revision() >= 0));
        for (int round = 0; round < 5; round++) {
            for (OtClient client : clients) {
                synchronized (client) {
                    client.edit(TextOperation.builder().insert(String.valueOf(round)).retain(client.length()).build());
                }
            }
        }
        String text = Await.settledTogether(clients);
        assertEquals(15, text.length(), text);
        assertTrue(clients.stream().allMatch(client -> client.errors().isEmpty()));
    }
}

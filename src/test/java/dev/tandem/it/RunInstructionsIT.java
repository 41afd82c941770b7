package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.support.client.Await;
import dev.tandem.support.server.FreePorts;
import dev.tandem.support.server.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a newcomer types it (Maven's exec plugin starting Payara Micro on the
 * JDK that runs Maven), on the embedded database and with {@code -Ppostgresql}: the editor page and
 * the readiness check answer, and Ctrl-C (SIGINT to the whole process group, as a terminal sends
 * it) stops everything within seconds, printing neither BUILD FAILURE nor a stack trace. The WAR is
 * the one this build made; the run uses a port and a root directory of its own, and the README's
 * management port, 9080, which must be free.
 */
class RunInstructionsIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path dir = Path.of("target", "run-it", Long.toString(System.currentTimeMillis())).toAbsolutePath();

    @Test
    void theReadmesRunStartsAndCtrlCStopsItQuietly() throws Exception {
        run(List.of(), Map.of());
    }

    @Test
    void theSameWithPostgresqlAsDocumented() throws Exception {
        try (PostgresServer postgres = new PostgresServer(dir.resolve("postgres"))) {
            postgres.start();
            run(List.of("-Ppostgresql"), postgres.tandemEnvironment());
            try (java.sql.Connection database = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                    + postgres.port() + "/" + PostgresServer.DATABASE, PostgresServer.USER, postgres.password())) {
                assertTrue(database.getMetaData().getTables(null, null, "tandem_edit", null).next(),
                        "Tandem made its tables in PostgreSQL");
            }
        }
    }

    private void run(List<String> profile, Map<String, String> environment) throws Exception {
        try {
            new ServerSocket(9080).close(); // free: the run's management listener may take it
        } catch (IOException taken) {
            throw new IllegalStateException("port 9080, the README's management port, is taken: stop the README's"
                    + " server (or whatever holds it) to run this test");
        }
        int port = FreePorts.take();
        Files.createDirectories(dir);
        Path output = dir.resolve("run" + String.join("", profile) + ".log");
        List<String> command = new ArrayList<>(List.of("setsid", "mvn", "-o", "-B"));
        command.addAll(profile);
        command.addAll(List.of("exec:exec@run", "-Dtandem.port=" + port,
                "-Dtandem.rootdir=" + dir.resolve("root" + String.join("", profile))));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("TANDEM_ACCESS", "link");
        Process maven = builder.start();
        try {
            URI base = URI.create("http://localhost:" + port + "/");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); // Maven, then Payara Micro's boot
            while (answers(base.resolve("d/run-it")) != 200) {
                assertTrue(maven.isAlive() && System.nanoTime() < deadline, "not started; see " + output);
                Thread.sleep(500);
            }
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9080/health/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"database\":\"answers\""), ready.body());

            new ProcessBuilder("kill", "-INT", "--", "-" + maven.pid()).start().waitFor(); // Ctrl-C
            assertTrue(maven.waitFor(60, TimeUnit.SECONDS), "stopped by Ctrl-C; see " + output);
            Await.until(() -> answers(base) < 0, () -> "the server still answers after Ctrl-C");
            String printed = Files.readString(output);
            assertFalse(printed.contains("BUILD FAILURE"), "see " + output);
            assertFalse(printed.contains("Stream closed") || printed.contains("\tat "), "no stack trace; see " + output);
        } finally {
            if (maven.isAlive()) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + maven.pid()).start().waitFor();
            }
        }
    }

    /** The status of a GET, or -1 when nothing answers. */
    private int answers(URI address) {
        try {
            return http.send(HttpRequest.newBuilder(address).timeout(java.time.Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException nothing) {
            return -1;
        }
    }
}

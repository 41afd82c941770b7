package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.support.client.Await;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link DurabilityTests} on PostgreSQL, configured as docs/operations.md says: the JDBC driver
 * added to Payara Micro and its post-boot commands pointing the default data source at PostgreSQL.
 * The WAR is the same.
 */
class PostgresDurabilityIT extends DurabilityTests {
    private PostgresServer postgres;

    @Override
    PayaraMicroProcess server(Path rootDir) throws Exception {
        postgres = new PostgresServer(rootDir.resolveSibling(rootDir.getFileName() + "-postgres"));
        postgres.start();
        return new PayaraMicroProcess(rootDir, List.of(SNAPSHOT_EVERY, "tandem.access=link")).with(
                List.of("--addlibs", System.getProperty("tandem.postgresql.jar"),
                        "--postbootcommandfile", "src/main/payara/postgresql.asadmin"),
                postgres.tandemEnvironment());
    }

    /**
     * PostgreSQL restarted while three people type: the writes under way fail, pooled connections
     * are dead; everyone resumes within seconds, and every character typed is stored once.
     */
    @Test
    void typingThroughADatabaseRestartLosesNothing() throws Exception {
        String docId = "pg-restart-" + System.nanoTime();
        List<Typist> typists = List.of(new Typist(docId, "p-a", "a"), new Typist(docId, "p-b", "b"),
                new Typist(docId, "p-c", "c"));
        typists.forEach(typist -> typist.stayConnected(docId));
        List<Thread> threads = new ArrayList<>();
        typists.forEach(typist -> threads.add(typist.typing(80)));
        Await.until(() -> typists.get(0).client.revision() >= 30);
        long restart = System.nanoTime();
        postgres.restart();
        System.out.printf("PostgreSQL restarted in %d ms%n", (System.nanoTime() - restart) / 1_000_000);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        String text = converged(typists);
        System.out.println("connections per typist, the first included: "
                + typists.stream().map(typist -> typist.connections.get()).toList());
        for (Typist typist : typists) {
            assertEquals(80, text.chars().filter(c -> c == typist.letter.charAt(0)).count(),
                    "every " + typist.letter + " once: " + text);
        }
        assertHistoryReplaysTo(docId, text, typists.get(0).client.revision());
    }

    /** The server is not ready while its database does not answer, and is again once it does. */
    @Test
    void readinessFollowsTheDatabase() throws Exception {
        assertEquals(200, readiness().status(), readiness().body());
        postgres.pause();
        try {
            Await.until(() -> readiness().status() == 503, () -> readiness().body());
            assertTrue(readiness().body().contains("does not answer"), readiness().body());
        } finally {
            postgres.resume();
        }
        Await.until(() -> readiness().status() == 200, () -> readiness().body());
    }

    @Override
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + PostgresServer.DATABASE,
                PostgresServer.USER, postgres.password());
    }

    @Override
    void afterServer() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}

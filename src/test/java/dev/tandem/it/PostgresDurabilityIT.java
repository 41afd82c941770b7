package dev.tandem.it;

import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

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
        return new PayaraMicroProcess(rootDir, List.of(SNAPSHOT_EVERY)).with(
                List.of("--addlibs", System.getProperty("tandem.postgresql.jar"),
                        "--postbootcommandfile", "src/main/payara/postgresql.asadmin"),
                Map.of("TANDEM_DB_HOST", "127.0.0.1",
                        "TANDEM_DB_PORT", Integer.toString(postgres.port()),
                        "TANDEM_DB_NAME", PostgresServer.DATABASE,
                        "TANDEM_DB_USER", PostgresServer.USER,
                        "TANDEM_DB_PASSWORD", postgres.password()));
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

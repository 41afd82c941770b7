package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.support.server.PayaraMicroProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DurabilityTests} on Payara Micro's embedded database, the README's set-up. */
class DurabilityIT extends DurabilityTests {
    private Path rootDir;

    @Override
    PayaraMicroProcess server(Path rootDir) throws Exception {
        this.rootDir = rootDir;
        // the one difference from the README's set-up: these tests reach the database while the
        // server runs, through the port H2 opens for that, on loopback only
        return new PayaraMicroProcess(rootDir, List.of(SNAPSHOT_EVERY, "h2.bindAddress=127.0.0.1", "tandem.access=link"))
                .withMorePreBootCommands(List.of("set resources.jdbc-connection-pool.H2Pool.property.URL="
                        + "jdbc:h2:${com.sun.aas.instanceRoot}/lib/databases/embedded_default;AUTO_SERVER=TRUE"));
    }

    /** Through the server's own process: for these tests, the database is opened with AUTO_SERVER=TRUE. */
    @Override
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:" + rootDir.resolve("lib/databases/embedded_default")
                + ";AUTO_SERVER=TRUE", "", "");
    }

    /**
     * H2 compacts its file from its background thread, which a write delay of 0 stops: the file
     * then grows for good (docs/benchmarks.md). Acknowledged edits survive a kill all the same
     * (the test above), since the store writes its commits to the file itself.
     */
    @Test
    void theEmbeddedDatabaseKeepsTheBackgroundThreadThatCompactsItsFile() throws SQLException {
        try (Connection db = database(); ResultSet setting = db.createStatement().executeQuery(
                "select SETTING_VALUE from INFORMATION_SCHEMA.SETTINGS where SETTING_NAME = 'WRITE_DELAY'")) {
            assertTrue(setting.next(), "H2 reports its write delay");
            assertTrue(Integer.parseInt(setting.getString(1)) > 0, "write delay " + setting.getString(1));
        }
    }
}

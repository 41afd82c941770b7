package dev.tandem.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** {@link DurabilityTests} on Payara Micro's embedded database, the README's set-up. */
class DurabilityIT extends DurabilityTests {
    private Path rootDir;

    @Override
    PayaraMicroProcess server(Path rootDir) throws Exception {
        this.rootDir = rootDir;
        return new PayaraMicroProcess(rootDir, List.of(SNAPSHOT_EVERY));
    }

    /** Through the server's own process: the database is opened with AUTO_SERVER=TRUE. */
    @Override
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:" + rootDir.resolve("lib/databases/embedded_default")
                + ";AUTO_SERVER=TRUE", "", "");
    }
}

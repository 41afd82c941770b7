package dev.tandem.it;

import java.nio.file.Path;
import java.util.List;

/** {@link DurabilityTests} on Payara Micro's embedded database, the README's set-up. */
class DurabilityIT extends DurabilityTests {

    @Override
    PayaraMicroProcess server(Path rootDir) throws Exception {
        return new PayaraMicroProcess(rootDir, List.of(SNAPSHOT_EVERY));
    }
}

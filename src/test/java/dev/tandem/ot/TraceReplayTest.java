package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.support.traces.EditingTrace.Patch;
import dev.tandem.support.traces.EditingTrace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real editing sessions, replayed keystroke by keystroke, end exactly where their authors did. */
class TraceReplayTest {

    static List<Path> traces() {
        return EditingTrace.sequential();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void everyTraceReachesItsEndContent(Path file) {
        EditingTrace trace = EditingTrace.load(file);
        Rope document = Rope.of(trace.startContent());
        TextOperation composed = TextOperation.identity(document.length());
        for (Patch patch : trace.patches()) {
            TextOperation edit = patch.toOperation(document.length());
            document = edit.apply(document);
            composed = composed.compose(edit);
        }
        document.checkInvariants();
        assertEquals(trace.endContent(), document.toString(), trace.name() + ": replayed text");
        assertEquals(trace.endContent(), composed.apply(trace.startContent()),
                trace.name() + ": the composition of every edit");
    }
}

package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.ot.WireForm;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.protocol.Range;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.Snapshot;
import dev.tandem.store.StoredDocument;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of one document's edits, without threads, store or network. */
class SequencerTest {
    private final Sequencer sequencer = new Sequencer(StoredDocument.EMPTY, 4, 1 << 20, 30);

    private static ClientMessage.Edit edit(long revision, long seq, Object... op) {
        return new ClientMessage.Edit(revision, seq, WireForm.parse(List.of(op)));
    }

    private Revision accept(String clientId, ClientMessage.Edit edit) throws ProtocolException {
        return assertInstanceOf(Sequencer.Accepted.class, sequencer.submit(clientId, edit)).revision();
    }

    @Test
    void appliesEditsInOrderAndTransformsALateOnePastWhatItsAuthorHadNotSeen() throws ProtocolException {
        assertEquals(1, accept("ada", edit(0, 1, "hello")).number());
        assertEquals(2, accept("bob", edit(1, 1, 5, " world")).number());
        Revision late = accept("ada", edit(1, 2, "Oh, ", 5)); // made on revision 1, before bob's
        assertEquals(3, late.number());
        assertEquals(WireForm.parse(List.of("Oh, ", 11)), late.op());
        assertEquals("Oh, hello world", sequencer.text().toString());
        assertEquals(3, sequencer.latest());
        assertEquals(2L, sequencer.lastSeq("ada"));
        assertNull(sequencer.lastSeq("cat"));
    }

    @Test
    void recognisesAResentEditAndRefusesAnOlderOne() throws ProtocolException {
        accept("ada", edit(0, 1, "a"));
        accept("ada", edit(1, 2, 1, "b"));
        assertEquals(new Sequencer.Applied(2, 2), sequencer.submit("ada", edit(1, 2, 1, "b")));
        assertEquals("ab", sequencer.text().toString(), "applied once");
        ProtocolException stale = assertThrows(ProtocolException.class, () -> sequencer.submit("ada", edit(0, 1, "a")));
        assertEquals(ErrorCode.STALE_EDIT, stale.code());
    }

    @Test
    void refusesWhatCannotBeAppliedAndChangesNothing() throws ProtocolException {
        accept("ada", edit(0, 1, "x"));
        for (int i = 1; i < 6; i++) {
            accept("ada", edit(i, i + 1, i, "x")); // revisions 2 to 6, one "x" longer each
        }
        Rope before = sequencer.text();
        assertEquals(ErrorCode.REVISION_IN_FUTURE, refusal(edit(7, 9, 6, "y")).code());
        ProtocolException tooOld = refusal(edit(1, 9, 1, "y"));
        assertEquals(ErrorCode.REVISION_TOO_OLD, tooOld.code());
        assertTrue(tooOld.fatal());
        assertEquals(ErrorCode.BAD_OPERATION, refusal(edit(6, 9, 5, "y")).code());
        assertEquals(ErrorCode.DOCUMENT_TOO_LARGE, refusal(edit(6, 9, 6, "y".repeat(25))).code());
        assertEquals(before, sequencer.text());
        assertEquals(6, sequencer.latest());
        assertEquals(6L, sequencer.lastSeq("ada"));
        accept("ada", edit(2, 7, 2, "z")); // the oldest revision kept is still good
    }

    private ProtocolException refusal(ClientMessage.Edit edit) {
        return assertThrows(ProtocolException.class, () -> sequencer.submit("bob", edit));
    }

    @Test
    void movesASelectionGivenAtAnEarlierRevisionToTheLatestText() throws ProtocolException {
        accept("ada", edit(0, 1, "world"));
        accept("ada", edit(1, 2, "hello ", 5));
        assertEquals(List.of(new Range(7, 11)), sequencer.toLatest(1, List.of(new Range(1, 5))));
        assertEquals(ErrorCode.MALFORMED_MESSAGE,
                assertThrows(ProtocolException.class, () -> sequencer.toLatest(1, List.of(new Range(0, 6)))).code());
        assertEquals(ErrorCode.REVISION_IN_FUTURE,
                assertThrows(ProtocolException.class, () -> sequencer.toLatest(3, List.of())).code());
    }

    @Test
    void startsFromTheStoredDocumentWithItsRecentEditsAsHistory() throws ProtocolException {
        TextOperation second = WireForm.parse(List.of(1, "b"));
        Sequencer reopened = new Sequencer(new StoredDocument(new Snapshot(Rope.of("ab"), 2),
                List.of(new LoggedEdit(2, "ada", 5, second, Instant.EPOCH))), 4, 1 << 20, 30);
        assertEquals(5L, reopened.lastSeq("ada"), "a resent edit is still recognised after a restart");
        assertEquals(new Sequencer.Applied(5, 2), reopened.submit("ada", new ClientMessage.Edit(1, 5, second)));
        assertTrue(reopened.canReplayFrom(1, 10));
        assertFalse(reopened.canReplayFrom(0, 10), "revision 1 is the oldest kept");
        assertFalse(reopened.canReplayFrom(1, 1), "more to replay than allowed");
        assertEquals(List.of(new Revision(2, "ada", 5, second)), reopened.since(1));
        Revision third = assertInstanceOf(Sequencer.Accepted.class,
                reopened.submit("bob", new ClientMessage.Edit(1, 1, WireForm.parse(List.of("<", 1))))).revision();
        assertEquals(WireForm.parse(List.of("<", 2)), third.op());
        assertEquals("<ab", reopened.text().toString());
    }
}

package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.CloseCode;
import dev.tandem.store.LoggedEdit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nothing leaves before the store has it: the gate's bookkeeping, without a store or threads. */
class DurabilityGateTest {
    private final List<String> sent = new ArrayList<>();
    private final Recipient recipient = new Recipient() {
        @Override
        public boolean offer(String message) {
            return sent.add(message);
        }

        @Override
        public void shutDown(CloseCode reason, String message) {
        }

        @Override
        public void finish(CloseCode reason, String message) {
        }
    };
    private final DurabilityGate gate = new DurabilityGate(10);

    private static LoggedEdit edit(long revision) {
        return new LoggedEdit(revision, "ada", revision, TextOperation.builder().insert("x").build(), Instant.EPOCH);
    }

    @Test
    void sendsAtOnceWhenEverythingIsStored() {
        gate.deliver(recipient, "welcome");
        assertEquals(List.of("welcome"), sent);
        assertTrue(gate.idle());
        assertNull(gate.nextWrite());
    }

    @Test
    void holdsWhatFollowsAnEditUntilTheStoreHasItInOrder() {
        gate.applied(edit(11));
        gate.deliver(recipient, "ack 11");
        gate.applied(edit(12));
        gate.deliver(recipient, "ack 12");
        assertEquals(List.of(), sent);
        assertFalse(gate.idle());

        assertEquals(List.of(edit(11), edit(12)), gate.nextWrite());
        gate.applied(edit(13)); // while the write is under way: it waits for the next one
        gate.deliver(recipient, "ack 13");
        gate.deliver(recipient, "presence"); // follows 13: waits for it too
        assertNull(gate.nextWrite(), "one write at a time");

        gate.written(12);
        assertEquals(List.of("ack 11", "ack 12"), sent);
        assertEquals(List.of(edit(13)), gate.nextWrite());
        gate.written(13);
        assertEquals(List.of("ack 11", "ack 12", "ack 13", "presence"), sent);
        assertTrue(gate.idle());
        gate.deliver(recipient, "now");
        assertEquals("now", sent.get(sent.size() - 1));
    }

    @Test
    void aFailedWriteSendsNothingThatWaitedForIt() {
        gate.applied(edit(11));
        gate.deliver(recipient, "ack 11");
        gate.nextWrite();
        gate.failed();
        assertEquals(List.of(), sent);
        assertTrue(gate.idle());
    }

    @Test
    void aWriteReleasesEachRecipientsMessagesTogetherSoTheyCanShareAFrame() {
        RecordingChannel bobsConnection = new RecordingChannel();
        Outbox bob = new Outbox(bobsConnection, 100, Long.MAX_VALUE, null, 0);
        gate.applied(edit(11));
        gate.deliver(recipient, "ack 11");
        gate.deliver(bob, "{\"edit\":11}");
        gate.applied(edit(12));
        gate.deliver(recipient, "ack 12");
        gate.deliver(bob, "{\"edit\":12}");
        gate.nextWrite();
        gate.written(12);
        assertEquals(List.of(), bobsConnection.frames, "queued under the document's lock, written after it");
        assertEquals(List.of(recipient, bob), gate.takeDue());
        bob.dispatch();

        assertEquals(List.of("ack 11", "ack 12"), sent);
        assertEquals(List.of("[{\"edit\":11},{\"edit\":12}]"), bobsConnection.frames,
                "one frame for what one write released, with no timer");
    }
}

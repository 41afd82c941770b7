package dev.tandem.collab;

import dev.tandem.store.LoggedEdit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nothing leaves before the store has it. Edits apply at once (later ones transform against
 * them), and every message sent after an edit, to anyone (its ack, its broadcast, a later
 * welcome), waits in order until that edit is stored: nobody sees a revision that a crash could
 * take back. The edits go to the store in batches, one write at a time: all that were applied
 * while the previous write was under way form the next one.
 *
 * <p>Pure bookkeeping: it performs no write itself, and its document's lock guards it. It queues
 * what may leave with each recipient ({@link Recipient#enqueue}), which fixes the order, and
 * names the recipients to {@link Recipient#dispatch} once the lock is released ({@link #takeDue}).
 */
final class DurabilityGate {
    /** The latest revision the store has. */
    private long stored;
    /** The latest revision applied. */
    private long applied;
    private final List<LoggedEdit> unstored = new ArrayList<>();
    private boolean writing;
    /** Messages waiting for the revision they follow to be stored, in the order they were sent. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /** Recipients given messages since {@link #takeDue} was last asked. */
    private List<Recipient> due = new ArrayList<>();

    private record Held(Recipient recipient, String message, long after) {
    }

    /** @param stored the revision the store has, which is also the latest applied */
    DurabilityGate(long stored) {
        this.stored = stored;
        this.applied = stored;
    }

    /** {@code edit} was applied as the latest revision: it joins the next write. */
    void applied(LoggedEdit edit) {
        unstored.add(edit);
        applied = edit.revision();
    }

    /** Queues {@code message} now, or once the latest revision applied is stored, after everything held before it. */
    void deliver(Recipient recipient, String message) {
        if (held.isEmpty() && stored == applied) {
            recipient.enqueue(List.of(message));
            due.add(recipient);
        } else {
            held.add(new Held(recipient, message, applied));
        }
    }

    /** The edits to write now, oldest first, or null if a write is under way or nothing waits; the write starts. */
    List<LoggedEdit> nextWrite() {
        if (writing || unstored.isEmpty()) {
            return null;
        }
        writing = true;
        List<LoggedEdit> batch = List.copyOf(unstored);
        unstored.clear();
        return batch;
    }

    /**
     * The write under way has stored every revision up to {@code revision}: what waited for them
     * is queued to leave, each recipient's messages together (a store write's acks and broadcasts
     * can make one frame per recipient, with no timer to wait for).
     */
    void written(long revision) {
        writing = false;
        stored = revision;
        if (held.isEmpty() || held.peek().after() > stored) {
            return;
        }
        Map<Recipient, List<String>> released = new LinkedHashMap<>();
        while (!held.isEmpty() && held.peek().after() <= stored) {
            Held next = held.poll();
            released.computeIfAbsent(next.recipient(), recipient -> new ArrayList<>(4)).add(next.message());
        }
        released.forEach((recipient, messages) -> {
            recipient.enqueue(messages);
            due.add(recipient);
        });
    }

    /** The recipients given messages since the last call, to dispatch once the document's lock is released. */
    List<Recipient> takeDue() {
        if (due.isEmpty()) {
            return List.of();
        }
        List<Recipient> taken = due;
        due = new ArrayList<>();
        return taken;
    }

    /** The write under way failed: nothing held will be sent. */
    void failed() {
        writing = false;
        held.clear();
    }

    /** Whether everything applied is stored and no write is under way. */
    boolean idle() {
        return !writing && unstored.isEmpty();
    }
}

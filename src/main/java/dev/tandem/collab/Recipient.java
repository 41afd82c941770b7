package dev.tandem.collab;

import dev.tandem.protocol.CloseCode;
import java.util.List;

/**
 * Where a document sends one participant's messages. {@link Outbox} sends them over a local
 * connection; a feed to the participant's node is another recipient.
 */
public interface Recipient {

    /** Queues an encoded message, without blocking; false if the recipient is gone or too far behind. */
    boolean offer(String message);

    /**
     * Queues several encoded messages at once, in order: what a store write released for this
     * recipient, which a transport may send as one frame.
     */
    default void offerAll(List<String> messages) {
        for (String message : messages) {
            if (!offer(message)) {
                return;
            }
        }
    }

    /**
     * Queues encoded messages, in order, without sending them yet: a document queues under its
     * lock, which fixes every recipient's order, and {@link #dispatch}es after releasing it, so
     * that nobody's edit waits for a socket write to someone else. A recipient that writes
     * nothing itself (its messages go to a queue anyway) takes them at once.
     */
    default void enqueue(List<String> messages) {
        offerAll(messages);
    }

    /** Sends what {@link #enqueue} queued (or lets it wait for a batch); nothing if there is nothing. */
    default void dispatch() {
    }

    /** Stops sending and ends the participant's connection. */
    void shutDown(CloseCode reason, String message);

    /** Takes nothing more, sends what is queued, then ends the participant's connection. */
    void finish(CloseCode reason, String message);
}

package dev.tandem.collab;

import dev.tandem.protocol.CloseCode;

/**
 * Where a document sends one participant's messages. {@link Outbox} sends them over a local
 * connection; a feed to the participant's node is another recipient.
 */
public interface Recipient {

    /** Queues an encoded message, without blocking; false if the recipient is gone or too far behind. */
    boolean offer(String message);

    /** Stops sending and ends the participant's connection. */
    void shutDown(CloseCode reason, String message);

    /** Takes nothing more, sends what is queued, then ends the participant's connection. */
    void finish(CloseCode reason, String message);
}

package dev.tandem.collab;

import dev.tandem.protocol.CloseCode;

/**
 * A participant on another node, as the document that orders its edits here sees it: what it is
 * to hear goes to its node, which hands it to the participant's connection.
 */
final class NodeRecipient implements Recipient {
    private final NodeLinks links;
    private final String node;
    private final String document;
    private final long participant;
    /** Told once the connection is to end: nothing more comes from it. */
    private final Runnable ended;
    private volatile boolean closed;

    NodeRecipient(NodeLinks links, String node, String document, long participant, Runnable ended) {
        this.links = links;
        this.node = node;
        this.document = document;
        this.participant = participant;
        this.ended = ended;
    }

    @Override
    public boolean offer(String message) {
        if (closed) {
            return false;
        }
        links.deliver(node, document, participant, message);
        return true;
    }

    @Override
    public void shutDown(CloseCode reason, String message) {
        end(reason, message, false);
    }

    @Override
    public void finish(CloseCode reason, String message) {
        end(reason, message, true);
    }

    private void end(CloseCode reason, String message, boolean finish) {
        if (!closed) {
            closed = true;
            ended.run();
            links.send(node, NodeMessage.end(document, participant, reason, message, finish));
        }
    }
}

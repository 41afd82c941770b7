package dev.tandem.collab;

import dev.tandem.protocol.DocumentId;

/**
 * The nodes of a cluster as Tandem needs them: which node orders a document's edits, and
 * messages to the others, on channels (the documents', long polling's). Messages are text (never
 * the application's classes, which another node's grid may not be able to read); one node's
 * messages to another on a channel arrive in the order they were sent, or are lost when a node
 * dies. A server on its own is {@link #SINGLE}.
 */
public interface Grid {

    /** A server on its own: it orders every document and has nobody to talk to. */
    Grid SINGLE = new Grid() {
        @Override
        public String self() {
            return "local";
        }

        @Override
        public String ownerOf(DocumentId id) {
            return self();
        }

        @Override
        public boolean alive(String node) {
            return self().equals(node);
        }

        @Override
        public void send(String node, String channel, String text) {
            throw new IllegalStateException("a single server has no other node");
        }

        @Override
        public void sendAll(String channel, String text) {
            // nobody else
        }

        @Override
        public void listen(String channel, Listener listener) {
            // nothing will come
        }

        @Override
        public void leaving() {
            // nobody to tell
        }
    };

    /** What the grid tells a channel's listener; called on one thread of the application's, in order. */
    interface Listener {
        /** Text another node sent. */
        void received(String from, String text);

        /** Nodes came, went, or are leaving: documents may have new owners. */
        void nodesChanged();
    }

    /** This node's id. */
    String self();

    /**
     * The node that orders document {@code id}'s edits now, or null when this node does not see a
     * majority of the cluster (then nobody on this side of a split orders anything).
     */
    String ownerOf(DocumentId id);

    /** Whether this node sees a majority of the cluster, and so may order documents. */
    default boolean seesMajority() {
        return true;
    }

    /** Whether {@code node} is in the cluster now. */
    boolean alive(String node);

    /** Sends {@code text} to another node, on {@code channel}. */
    void send(String node, String channel, String text);

    /** Sends {@code text} to every other node, on {@code channel}. */
    void sendAll(String channel, String text);

    /** Hears what comes on {@code channel}, and when nodes change. */
    void listen(String channel, Listener listener);

    /** This node is stopping: from now on, the others give it no document to order. */
    void leaving();
}

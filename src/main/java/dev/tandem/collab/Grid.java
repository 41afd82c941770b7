package dev.tandem.collab;

import dev.tandem.protocol.DocumentId;

/**
 * The nodes of a cluster as the registry needs them: which node orders a document's edits, and
 * messages to the others. Messages are text (never the application's classes, which another
 * node's grid may not be able to read); one node's messages to another arrive in the order they
 * were sent, or are lost when a node dies. A server on its own is {@link #SINGLE}.
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
        public void send(String node, String text) {
            throw new IllegalStateException("a single server has no other node");
        }

        @Override
        public void sendAll(String text) {
            // nobody else
        }

        @Override
        public void listen(Listener listener) {
            // nothing will come
        }

        @Override
        public void leaving() {
            // nobody to tell
        }
    };

    /** What the grid tells the registry; called on one thread of the application's, in order. */
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

    /** Whether {@code node} is in the cluster now. */
    boolean alive(String node);

    /** Sends {@code text} to another node. */
    void send(String node, String text);

    /** Sends {@code text} to every other node. */
    void sendAll(String text);

    void listen(Listener listener);

    /** This node is stopping: from now on, the others give it no document to order. */
    void leaving();
}

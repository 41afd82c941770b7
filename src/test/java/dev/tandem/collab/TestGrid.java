package dev.tandem.collab;

import dev.tandem.protocol.DocumentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The nodes of a cluster in one process: what a node sends another crosses on the receiver's own
 * thread, in order, as the data grid delivers it; a killed node hears and sends nothing more.
 * The owner of a document is picked among the nodes that are not leaving, while a majority of
 * {@code size} is there; a test may give a node a view of its own, to make two owners at once.
 */
final class TestGrid {
    private final int majority;
    private final Map<String, Node> nodes = new TreeMap<>();

    TestGrid(int size) {
        this.majority = size / 2 + 1;
    }

    synchronized Node add(String name) {
        Node node = new Node(name);
        nodes.put(name, node);
        others(node).forEach(Node::changed);
        return node;
    }

    /** Gone at once, as after kill -9: nothing it had queued arrives. */
    void kill(Node node) {
        synchronized (this) {
            nodes.remove(node.name);
        }
        node.inbox.shutdownNow();
        others(node).forEach(Node::changed);
    }

    private synchronized List<Node> others(Node node) {
        return nodes.values().stream().filter(other -> other != node).toList();
    }

    private synchronized Node find(String name) {
        return nodes.get(name);
    }

    final class Node implements Grid {
        final String name;
        final ExecutorService inbox = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "grid-inbox");
            thread.setDaemon(true);
            return thread;
        });
        private final Map<String, Listener> listeners = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean leaving;
        /** A view of who owns what of this node's own, when a test imposes one. */
        volatile Function<DocumentId, String> view;
        /** Set: the next thing this node sends is lost on the way. */
        final java.util.concurrent.atomic.AtomicBoolean loseNext = new java.util.concurrent.atomic.AtomicBoolean();

        Node(String name) {
            this.name = name;
        }

        @Override
        public String self() {
            return name;
        }

        @Override
        public String ownerOf(DocumentId id) {
            if (view != null) {
                return view.apply(id);
            }
            List<String> candidates = new ArrayList<>();
            synchronized (TestGrid.this) {
                if (nodes.size() < majority) {
                    return null;
                }
                nodes.values().stream().filter(node -> !node.leaving).forEach(node -> candidates.add(node.name));
            }
            return candidates.isEmpty() ? null : candidates.get(Math.floorMod(id.value().hashCode(), candidates.size()));
        }

        @Override
        public boolean alive(String node) {
            return find(node) != null;
        }

        @Override
        public void send(String node, String channel, String text) {
            Node target = find(node);
            if (target == null || find(name) == null) {
                throw new IllegalStateException("no node " + node);
            }
            if (loseNext.compareAndSet(true, false)) {
                return;
            }
            target.inbox.execute(() -> target.listeners.get(channel).received(name, text));
        }

        @Override
        public void sendAll(String channel, String text) {
            others(this).forEach(node -> send(node.name, channel, text));
        }

        @Override
        public void listen(String channel, Listener listener) {
            listeners.put(channel, listener);
        }

        @Override
        public void leaving() {
            leaving = true;
            others(this).forEach(Node::changed);
        }

        /** Leaving, with the news not yet at the others: they see it when they ask who owns what, not before. */
        void leavingUnannounced() {
            leaving = true;
        }

        /** Its view changed: it looks at its documents again. */
        void changed() {
            if (!inbox.isShutdown()) {
                inbox.execute(() -> listeners.values().forEach(Listener::nodesChanged));
            }
        }
    }
}

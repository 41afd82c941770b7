package dev.tandem.collab;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Messages between this node and the others. Whatever is queued for a node while a send to it is
 * under way leaves with the next one, as one text; a message for several participants on the same
 * node (a broadcast) goes once, naming them all. Each text to a node is numbered, so that the
 * receiver sees when some were lost (a node's grid may drop messages, never reorder them).
 */
final class NodeLinks {
    private static final Logger LOG = Logger.getLogger(NodeLinks.class.getName());
    private final Grid grid;
    private final Executor sender;
    private final Map<String, Link> outgoing = new ConcurrentHashMap<>();
    /**
     * Per node: the number of the last text received from it. Neither this nor the links are
     * forgotten when a node goes: a node's id is never used again, and what is kept is a few bytes
     * (while a link in use must never be made anew, which would number from 1 again).
     */
    private final Map<String, Long> received = new ConcurrentHashMap<>();

    NodeLinks(Grid grid, Executor sender) {
        this.grid = grid;
        this.sender = sender;
    }

    void send(String node, JsonObject message) {
        outgoing.computeIfAbsent(node, Link::new).add(message);
    }

    /** {@code message} for participant {@code participant} of document {@code document} on {@code node}. */
    void deliver(String node, String document, long participant, String message) {
        outgoing.computeIfAbsent(node, Link::new).add(new Out(document, new ArrayList<>(List.of(participant)), message));
    }

    /** The messages of a text from {@code node}, and whether some texts before it were lost. */
    record Received(List<NodeMessage> messages, boolean afterLoss) {
    }

    /** The messages of a text from {@code node}; number 0 is a message to all, outside any count. */
    Received read(String node, String text) {
        NodeMessage.Numbered numbered = NodeMessage.Numbered.parse(text);
        if (numbered.number() == 0) {
            return new Received(numbered.messages(), false);
        }
        Long last = received.put(node, numbered.number());
        boolean afterLoss = last != null && numbered.number() != last + 1;
        if (afterLoss) {
            LOG.warning("text " + numbered.number() + " from node " + node + " came after text " + last);
        }
        return new Received(numbered.messages(), afterLoss);
    }

    private record Out(String document, List<Long> to, String message) {
    }

    /** What waits for one node; one send at a time, so that texts leave in order. */
    private final class Link {
        private final String node;
        private List<Object> queue = new ArrayList<>();
        private boolean sending;
        private long sent;

        Link(String node) {
            this.node = node;
        }

        /** A message ({@link JsonObject}), or an {@link Out}. */
        synchronized void add(Object item) {
            if (item instanceof Out out && !queue.isEmpty() && queue.get(queue.size() - 1) instanceof Out last
                    && last.message() == out.message() && last.document().equals(out.document())) {
                last.to().addAll(out.to()); // the same encoded message to another participant: named, not repeated
            } else {
                queue.add(item);
            }
            if (!sending) {
                sending = true;
                try {
                    sender.execute(this::sendWhileQueued);
                } catch (RejectedExecutionException stopping) {
                    queue.clear(); // this node is stopping: the others hand its participants over
                }
            }
        }

        private void sendWhileQueued() {
            while (true) {
                List<Object> taken;
                long number;
                synchronized (this) {
                    if (queue.isEmpty()) {
                        sending = false;
                        return;
                    }
                    taken = queue;
                    queue = new ArrayList<>();
                    number = ++sent;
                }
                List<JsonObject> messages = new ArrayList<>(taken.size());
                for (Object item : taken) {
                    messages.add(item instanceof Out out ? NodeMessage.out(out.document(), out.to(), out.message())
                            : (JsonObject) item);
                }
                try {
                    grid.send(node, DocumentRegistry.CHANNEL, NodeMessage.numbered(number, messages));
                } catch (RuntimeException gone) {
                    // the node left meanwhile: what it was to hear is moot, its participants reconnect elsewhere
                    LOG.log(Level.FINE, "could not send to node " + node, gone);
                }
            }
        }
    }
}

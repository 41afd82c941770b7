package dev.tandem.collab;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Messages between this node and the others. Whatever is queued for a node while a send to it is
 * under way leaves with the next one, as one text; a message for several participants on the same
 * node (a broadcast) goes once, naming them all. Each text to a node is numbered, so that the
 * receiver sees when some were lost (a node's grid may drop messages, never reorder them). A loss
 * at the end of a burst would show only with the next text, maybe never: so a link that falls
 * quiet says, a moment later and twice more after that, how many texts it sent (a "tail").
 */
final class NodeLinks {
    private static final Logger LOG = Logger.getLogger(NodeLinks.class.getName());
    private final Grid grid;
    private final Executor sender;
    private final ScheduledExecutorService timer;
    /** When a quiet link tells its number again: soon after its last text, then twice more. */
    static final long[] TAIL_AFTER_MILLIS = {250, 2_000, 10_000};
    private final Map<String, Link> outgoing = new ConcurrentHashMap<>();
    /**
     * Per node: the number of the last text received from it. Neither this nor the links are
     * forgotten when a node goes: a node's id is never used again, and what is kept is a few bytes
     * (while a link in use must never be made anew, which would number from 1 again).
     */
    private final Map<String, Long> received = new ConcurrentHashMap<>();

    NodeLinks(Grid grid, Executor sender, ScheduledExecutorService timer) {
        this.grid = grid;
        this.sender = sender;
        this.timer = timer;
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
        if (numbered.upTo() > 0) {
            long last = received.getOrDefault(node, 0L);
            boolean lost = numbered.upTo() > last;
            if (lost) {
                received.put(node, numbered.upTo()); // what comes next follows on from there
                LOG.warning("node " + node + " sent up to text " + numbered.upTo() + "; the last to arrive was " + last);
            }
            return new Received(List.of(), lost);
        }
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
        /** Bumped by every text sent: a tail scheduled before it waits for the link to fall quiet again. */
        private long burst;
        /** Whether a tail is scheduled: one at a time per link, however busy it is. */
        private boolean tailPending;

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
                        if (!tailPending) {
                            tailPending = true;
                            scheduleTail(burst, 0);
                        }
                        return;
                    }
                    taken = queue;
                    queue = new ArrayList<>();
                    number = ++sent;
                    burst++;
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

        /** The {@code step}th tail after burst {@code of}; called with the link's lock held. */
        private void scheduleTail(long of, int step) {
            if (step >= TAIL_AFTER_MILLIS.length) {
                tailPending = false;
                return;
            }
            try {
                timer.schedule(() -> sender.execute(() -> tail(of, step)), TAIL_AFTER_MILLIS[step], TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                tailPending = false; // this node is stopping: nothing more to tell
            }
        }

        /** On the sender's thread, so that it follows every text before it. */
        private void tail(long of, int step) {
            long upTo;
            synchronized (this) {
                if (burst != of || sending) {
                    scheduleTail(burst, 0); // texts went since: wait for the link to fall quiet again
                    return;
                }
                upTo = sent;
            }
            try {
                grid.send(node, DocumentRegistry.CHANNEL, NodeMessage.tail(upTo));
            } catch (RuntimeException gone) {
                LOG.log(Level.FINE, "could not send to node " + node, gone);
            }
            synchronized (this) {
                scheduleTail(of, step + 1);
            }
        }
    }
}

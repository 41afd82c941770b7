package dev.tandem.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import com.hazelcast.topic.ITopic;
import dev.tandem.collab.Grid;
import dev.tandem.protocol.DocumentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Tandem's nodes on the data grid the server carries (Payara's Hazelcast). A node is a grid
 * member, known by its member id; the owner of a document is picked among the members where
 * Tandem is ready and not leaving (a replicated map says which: {@link Rendezvous}), and only
 * while this member sees a majority of the cluster's expected size: on the minority side of a
 * split, nobody orders anything. Each node reads the
 * messages sent to it on a channel from a topic of its own (a topic keeps one sender's messages
 * in order); they are strings, which every member can read (the grid reads the application's
 * own classes only on the application's threads). What arrives is handed, in order, to one
 * thread of the application's.
 */
final class HazelcastGrid implements Grid, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HazelcastGrid.class.getName());
    /** Where Payara binds its Hazelcast instance. */
    private static final String HAZELCAST = "payara/Hazelcast";
    private static final String INBOX = "tandem.node.";
    private static final String EVERYONE = "tandem.all.";
    /** Per member id: whether Tandem is ready there, or leaving; members without an entry have not started it yet. */
    private static final String NODES = "tandem.nodes";
    private static final String READY = "ready";
    private static final String LEAVING = "leaving";

    private final HazelcastInstance hazelcast;
    private final int majority;
    private final String self;
    private final ExecutorService inbox;
    /** Where Tandem is ready, or leaving: a copy on every member. */
    private final ReplicatedMap<String, String> nodes;
    /** Who hears of changes among the nodes: one listener per channel. */
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> removals = new CopyOnWriteArrayList<>();

    /** One node of {@code nodes}, on the server's own grid, found where Payara binds it. */
    static HazelcastGrid ofServer(int nodes, ThreadFactory threads) {
        try {
            return new HazelcastGrid(InitialContext.doLookup(HAZELCAST), nodes, threads);
        } catch (NamingException notThere) {
            throw new IllegalStateException("tandem.cluster.nodes says this server is one node of a cluster, but the"
                    + " server has no data grid at " + HAZELCAST + ": turn Payara's Hazelcast on (docs/operations.md)",
                    notThere);
        }
    }

    /** {@code nodes}: how many nodes the cluster has when all are up. */
    HazelcastGrid(HazelcastInstance hazelcast, int nodes, ThreadFactory threads) {
        this.hazelcast = hazelcast;
        this.majority = nodes / 2 + 1;
        this.self = hazelcast.getCluster().getLocalMember().getUuid().toString();
        ThreadPoolExecutor reader = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        // made now, on the application's thread: a managed thread made later, from the grid's own
        // thread, would not carry the application's context (its resources, its beans' injections)
        reader.prestartAllCoreThreads();
        this.inbox = reader;
        this.nodes = hazelcast.getReplicatedMap(NODES);
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public boolean seesMajority() {
        return hazelcast.getCluster().getMembers().size() >= majority;
    }

    @Override
    public String ownerOf(DocumentId id) {
        Set<Member> members = hazelcast.getCluster().getMembers();
        if (members.size() < majority) {
            return null;
        }
        // not a member whose Tandem has not started yet (it would not hear what it is sent), nor one leaving
        List<String> candidates = new ArrayList<>(members.size());
        for (Member member : members) {
            String node = member.getUuid().toString();
            if (READY.equals(nodes.get(node))) {
                candidates.add(node);
            }
        }
        return Rendezvous.owner(id.value(), candidates);
    }

    @Override
    public boolean alive(String node) {
        for (Member member : hazelcast.getCluster().getMembers()) {
            if (member.getUuid().toString().equals(node)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void send(String node, String channel, String text) {
        hazelcast.<String>getTopic(INBOX + node + "." + channel).publish(text);
    }

    @Override
    public void sendAll(String channel, String text) {
        hazelcast.<String>getTopic(EVERYONE + channel).publish(text);
    }

    @Override
    public synchronized void listen(String channel, Listener listener) {
        subscribe(INBOX + self + "." + channel, listener::received);
        subscribe(EVERYONE + channel, (from, text) -> {
            if (!from.equals(self)) {
                listener.received(from, text);
            }
        });
        listeners.add(listener);
        if (listeners.size() == 1) {
            watchNodes();
            nodes.put(self, READY); // the others may give this node documents from now on
        }
        inbox.execute(listener::nodesChanged); // members that came before this node listened
    }

    /** Members coming and going, and Tandem ready or leaving on them: every listener hears of it. */
    private void watchNodes() {
        UUID states = nodes.addEntryListener(new EntryAdapter<>() {
            @Override
            public void onEntryEvent(EntryEvent<String, String> event) {
                nodesChanged();
            }
        });
        removals.add(() -> nodes.removeEntryListener(states));
        UUID membership = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("node " + event.getMember().getUuid() + " joined; " + event.getMembers().size() + " nodes");
                nodesChanged();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("node " + event.getMember().getUuid() + " left; " + event.getMembers().size() + " nodes");
                nodes.remove(event.getMember().getUuid().toString());
                nodesChanged();
            }
        });
        removals.add(() -> hazelcast.getCluster().removeMembershipListener(membership));
    }

    private void nodesChanged() {
        inbox.execute(() -> listeners.forEach(Listener::nodesChanged));
    }

    private void subscribe(String topicName, BiConsumer<String, String> handler) {
        ITopic<String> topic = hazelcast.getTopic(topicName);
        UUID registration = topic.addMessageListener(message -> {
            String from = message.getPublishingMember().getUuid().toString();
            String text = message.getMessageObject();
            inbox.execute(() -> handler.accept(from, text));
        });
        removals.add(() -> topic.removeMessageListener(registration));
    }

    @Override
    public void leaving() {
        nodes.put(self, LEAVING);
    }

    /** The application stops: nothing more is read for it, and the others give this member nothing more. */
    @Override
    public void close() {
        try {
            nodes.remove(self); // undeployed while the server runs on (a redeploy): not a node any more
        } catch (RuntimeException gridStopped) {
            // the grid is shutting down too
        }
        for (Runnable removal : removals) {
            try {
                removal.run();
            } catch (RuntimeException gridStopped) {
                // the grid is shutting down too
            }
        }
        inbox.shutdownNow();
    }
}

package dev.tandem.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.tandem.collab.Grid;
import dev.tandem.protocol.DocumentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Tandem's nodes on the data grid the server carries (Payara's Hazelcast). A node is a grid
 * member, known by its member id; the owner of a document is picked among the members that are
 * not leaving ({@link Rendezvous}), and only while this member sees a majority of the cluster's
 * expected size: on the minority side of a split, nobody orders anything. Each node reads the
 * messages sent to it from a topic of its own; they are strings, which every member can read
 * (the grid reads the application's own classes only on the application's threads). What arrives
 * is handed, in order, to one thread of the application's.
 */
final class HazelcastGrid implements Grid, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HazelcastGrid.class.getName());
    /** Where Payara binds its Hazelcast instance. */
    private static final String HAZELCAST = "payara/Hazelcast";
    private static final String INBOX = "tandem.node.";
    private static final String EVERYONE = "tandem.all";
    private static final String LEAVING = "tandem.leaving";

    private final HazelcastInstance hazelcast;
    private final int majority;
    private final String self;
    private final ExecutorService inbox;
    /** Members that said they are stopping, until they are gone. */
    private final Set<String> leaving = ConcurrentHashMap.newKeySet();
    private final List<UUID> registrations = new ArrayList<>();
    private final List<Runnable> removals = new ArrayList<>();

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
        this.inbox = Executors.newSingleThreadExecutor(threads);
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public String ownerOf(DocumentId id) {
        Set<Member> members = hazelcast.getCluster().getMembers();
        if (members.size() < majority) {
            return null;
        }
        List<String> candidates = new ArrayList<>(members.size());
        for (Member member : members) {
            String node = member.getUuid().toString();
            if (!leaving.contains(node)) {
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
    public void send(String node, String text) {
        hazelcast.<String>getTopic(INBOX + node).publish(text);
    }

    @Override
    public void sendAll(String text) {
        hazelcast.<String>getTopic(EVERYONE).publish(text);
    }

    @Override
    public void listen(Listener listener) {
        subscribe(INBOX + self, (from, text) -> listener.received(from, text));
        subscribe(EVERYONE, (from, text) -> {
            if (!from.equals(self)) {
                listener.received(from, text);
            }
        });
        subscribe(LEAVING, (from, text) -> {
            leaving.add(from);
            listener.nodesChanged();
        });
        UUID membership = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("node " + event.getMember().getUuid() + " joined; " + event.getMembers().size() + " nodes");
                inbox.execute(listener::nodesChanged);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("node " + event.getMember().getUuid() + " left; " + event.getMembers().size() + " nodes");
                inbox.execute(() -> {
                    leaving.remove(event.getMember().getUuid().toString());
                    listener.nodesChanged();
                });
            }
        });
        removals.add(() -> hazelcast.getCluster().removeMembershipListener(membership));
        inbox.execute(listener::nodesChanged); // members that came before this node listened
    }

    private interface Handler {
        void handle(String from, String text);
    }

    private void subscribe(String topicName, Handler handler) {
        ITopic<String> topic = hazelcast.getTopic(topicName);
        UUID registration = topic.addMessageListener(message -> {
            String from = message.getPublishingMember().getUuid().toString();
            String text = message.getMessageObject();
            inbox.execute(() -> handler.handle(from, text));
        });
        removals.add(() -> topic.removeMessageListener(registration));
    }

    @Override
    public void leaving() {
        hazelcast.<String>getTopic(LEAVING).publish(self);
    }

    /** The application stops: nothing more is read for it. */
    @Override
    public void close() {
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

package dev.tandem.collab;

import dev.tandem.access.Access;
import dev.tandem.access.Admission;
import dev.tandem.access.Person;
import dev.tandem.access.Role;
import dev.tandem.metrics.Meters;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.store.ChatStore;
import dev.tandem.store.DocumentStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open document. A document opens on its first join and is dropped from memory once
 * nobody has had it open for {@link Limits#idleRelease()} (everything is in the store by then).
 *
 * <p>In a cluster ({@link Grid}), one node orders each document's edits, its owner: there the
 * document is a {@link LocalDocument}, which also takes in the participants other nodes forward
 * to it; elsewhere it is a {@link RemoteDocument}, which forwards. When nodes come or go, each
 * node looks at its open documents again: those whose owner changed are handed over, and their
 * participants reconnect to whoever orders them then (docs/architecture.md, "Many nodes").
 */
@ApplicationScoped
public class DocumentRegistry {
    private static final Logger LOG = Logger.getLogger(DocumentRegistry.class.getName());

    /** Idle documents are looked for every idle delay, but at most once a second and at least every 10 ms. */
    private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Where nodes tell each other about documents. */
    static final String CHANNEL = "documents";
    /** Why participants reconnect when messages between their node and their document's owner were lost. */
    private static final String LOST = "some messages between servers were lost: reconnect";
    /** How long a stopping node waits for its documents' last writes before the others take them over. */
    private static final long HAND_OVER_MILLIS = 500;
    /** Documents opened at once for other nodes' participants (each a read of the store). */
    private static final int OPENERS = 4;

    private final Map<DocumentId, Document> open = new ConcurrentHashMap<>();
    /** Participants other nodes forwarded to documents ordered here, by node and number. */
    private final Map<Sender, Forwarded> forwarded = new ConcurrentHashMap<>();
    /** Numbers this node gives its participants of documents ordered elsewhere. */
    private final AtomicLong participantNumbers = new AtomicLong();
    /** Set once the server has begun to stop. */
    private volatile boolean stopping;
    private volatile long lastSweep = System.nanoTime();
    private final MessageCodec codec = new MessageCodec();

    @Inject
    DocumentStore store;

    @Inject
    ChatStore chats;

    @Inject
    Limits limits;

    @Inject
    Access access;

    @Inject
    Grid grid;

    @Inject
    Meters meters;

    /** The server's, so that the timer's thread carries the application's context. */
    @Resource
    ManagedThreadFactory threads;

    /** Sends batched frames when their delay is over, and releases idle documents; one thread for all. */
    private ScheduledThreadPoolExecutor timer;
    /** Every person's and address's budgets, whatever document or connection. */
    private Budgets budgets;
    /** Sends to other nodes, in order. */
    private ExecutorService sender;
    /** Opens documents for participants that other nodes forward, away from the thread that reads the grid. */
    private ExecutorService opener;
    /**
     * Forwarded participants whose document is being opened: what their node sends meanwhile waits
     * here, in order, for the join to be done.
     */
    private final Map<Sender, List<NodeMessage>> joining = new ConcurrentHashMap<>();
    private NodeLinks links;

    /** Where a forwarded participant is: its node, and its number there. */
    private record Sender(String node, long participant) {
    }

    /** A participant another node forwarded, in the document ordered here. */
    private record Forwarded(Document document, Participant participant) {
    }

    @PostConstruct
    void start() {
        budgets = new Budgets(limits.rates());
        timer = new ScheduledThreadPoolExecutor(1, threads);
        long sweep = Math.max(MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, limits.idleRelease().toNanos()));
        timer.scheduleWithFixedDelay(this::releaseIdle, sweep, sweep, TimeUnit.NANOSECONDS);
        if (grid == null) {
            grid = Grid.SINGLE;
        }
        if (meters == null) {
            meters = Meters.NONE;
        }
        meters.gauge("tandem.documents.open", "documents open on this server, ordered here or elsewhere", null,
                open::size);
        meters.gauge("tandem.participants", "participants of the documents this server orders, of every node",
                null, () -> open.values().stream().filter(LocalDocument.class::isInstance)
                        .mapToLong(document -> document.participants().size()).sum());
        ThreadPoolExecutor sending = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        sending.prestartAllCoreThreads(); // made on the application's thread, it carries the application's context
        sender = sending;
        ThreadPoolExecutor opening = new ThreadPoolExecutor(OPENERS, OPENERS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        if (grid != Grid.SINGLE) {
            opening.prestartAllCoreThreads();
        }
        opener = opening;
        links = new NodeLinks(grid, sender, timer);
        grid.listen(CHANNEL, new Grid.Listener() {
            @Override
            public void received(String from, String text) {
                DocumentRegistry.this.received(from, text);
            }

            @Override
            public void nodesChanged() {
                DocumentRegistry.this.nodesChanged();
            }
        });
    }

    /** Opens at start, not at the first join: in a cluster, other nodes may send joins here first. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer alone makes the container create this bean now
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        sender.shutdownNow();
        opener.shutdownNow();
    }

    /** Whether the server has begun to stop (it lets nobody in then). */
    public boolean stopping() {
        return stopping;
    }

    /** When the registry's timer last looked for idle documents (System.nanoTime()): it does every second at most. */
    public long lastSweepNanos() {
        return lastSweep;
    }

    /** The cluster this server is a node of. */
    public Grid grid() {
        return grid;
    }

    Meters meters() {
        return meters;
    }

    public Limits limits() {
        return limits;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    public Access access() {
        return access;
    }

    /**
     * A new connection of {@code person} to document {@code id} that sends through {@code channel},
     * from the network address {@code address} (null if the transport cannot tell).
     */
    public Connection connect(DocumentId id, Channel channel, String address, Person person) {
        return new Connection(this, id, channel, address, person, limits, codec, budgets);
    }

    /**
     * Looks again at what everyone in document {@code id} may do, after its grants or links
     * changed: whoever lost access, or may now do less than when they joined, is expelled (their
     * client may join again, with what is left to it).
     */
    public void reconsider(DocumentId id) {
        reconsiderHere(id);
        grid.sendAll(CHANNEL, NodeMessage.numbered(0, List.of(NodeMessage.reconsider(id.value()))));
    }

    private void reconsiderHere(DocumentId id) {
        Document document = open.get(id);
        if (document != null) {
            for (Participant participant : document.participants()) {
                reconsider(document, participant, participant.person());
            }
        }
    }

    /**
     * Looks again at what the person signed in as {@code username} may do in every open document,
     * now that they are {@code now} (other groups), or no one (null: the account is gone).
     */
    public void reconsider(String username, Person now) {
        reconsiderHere(username, now);
        grid.sendAll(CHANNEL, NodeMessage.numbered(0, List.of(NodeMessage.reconsider(username, now))));
    }

    private void reconsiderHere(String username, Person now) {
        for (Document document : open.values()) {
            for (Participant participant : document.participants()) {
                if (username.equals(participant.person().id())) {
                    reconsider(document, participant, now);
                }
            }
        }
    }

    private void reconsider(Document document, Participant participant, Person now) {
        Role role = now == null ? access.role(document.id(), Person.guest(), participant.link())
                : access.role(document.id(), now, participant.link());
        if (role == null || !role.atLeast(participant.role())) {
            document.expel(participant, role == null ? "your access to this document was removed"
                    : "your access to this document changed: join again");
        }
    }

    /** The document joined and the participant it made. */
    record Joined(Document document, Participant participant) {
    }

    Joined join(DocumentId id, ClientMessage.Join join, Person person, Admission admission, Recipient recipient)
            throws ProtocolException {
        Joined joined = enter(id, join, person, admission, recipient);
        Document document = joined.document();
        Participant participant = joined.participant();
        // access taken away between the admission and now found nobody to expel: look again,
        // now that the participant is there for any later change to find
        reconsider(document, participant, person);
        if (admission.until() != null) { // a link that expires: out when it does
            long delay = Math.max(0, Duration.between(Instant.now(), admission.until()).toNanos());
            try {
                timer.schedule(() -> reconsider(document, participant, person), delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                // the server is stopping: every connection ends anyway
            }
        }
        return joined;
    }

    /** Adds the participant to the document as it is served here now, opening it if need be. */
    private Joined enter(DocumentId id, ClientMessage.Join join, Person person, Admission admission, Recipient recipient)
            throws ProtocolException {
        if (stopping) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "this server is stopping: join again in a moment", true);
        }
        while (true) {
            String owner = grid.ownerOf(id);
            Document document;
            try {
                document = open.computeIfAbsent(id, absent -> open(absent, owner));
            } catch (NoMajority alone) {
                throw new ProtocolException(ErrorCode.UNAVAILABLE, "this server does not reach most of its cluster"
                        + " just now: try again in a moment", true);
            } catch (RuntimeException storeFailed) {
                LOG.log(Level.WARNING, "document " + id + " could not be opened", storeFailed);
                throw new ProtocolException(ErrorCode.UNAVAILABLE,
                        "the document cannot be opened just now: try again in a moment", true);
            }
            if (!ordersAsOwnedBy(document, owner)) {
                // the owner changed, and this node has not looked at its documents since (the news
                // of it and this join come by different ways): hand this copy over first
                retire(document, LocalDocument.MOVED);
                continue;
            }
            Participant participant = document.join(join, person, admission, recipient);
            if (participant != null) {
                return new Joined(document, participant);
            }
            open.remove(id, document); // closed under our feet: open it afresh
        }
    }

    /** Whether {@code document} is the kind that serves its id when {@code owner} orders it. */
    private boolean ordersAsOwnedBy(Document document, String owner) {
        return document instanceof RemoteDocument remote ? remote.owner().equals(owner) : grid.self().equals(owner);
    }

    /**
     * No longer served here as it was: a local copy is handed over, a forwarding one lets its
     * participants go; they reconnect, told {@code why}.
     */
    private void retire(Document document, String why) {
        open.remove(document.id(), document);
        if (document instanceof LocalDocument local) {
            local.handOver(why);
        } else if (document instanceof RemoteDocument remote) {
            remote.moved(why);
        }
    }

    /** No node orders documents on this side of the cluster: it does not see a majority. */
    private static final class NoMajority extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoMajority() {
            super(null, null, false, false);
        }
    }

    /**
     * The server is stopping: everyone in every document is told to reconnect (1001, going away),
     * and nobody more is let in. What was acknowledged is stored; what was not, clients send again
     * to the server they reach next, which applies it once.
     */
    public void goAway(String why) {
        stopping = true;
        List<LocalDocument> handedOver = new ArrayList<>();
        for (Document document : open.values()) {
            if (document instanceof LocalDocument local) {
                local.handOver(why); // once what was applied here is stored and acknowledged
                handedOver.add(local);
            } else {
                for (Participant participant : document.participants()) {
                    participant.recipient().shutDown(CloseCode.GOING_AWAY, why);
                }
            }
        }
        // the others give this node's documents new owners once told, which load them from the
        // store: let the last writes land first, or the new owners' first writes would lose to them
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HAND_OVER_MILLIS);
        while (handedOver.stream().anyMatch(local -> !local.stored()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        grid.leaving();
    }

    /**
     * The document that serves {@code id} from now on, when {@code owner} orders it: ordered here,
     * from what the store has, or forwarded to its owner.
     */
    private Document open(DocumentId id, String owner) {
        if (owner == null) {
            throw new NoMajority();
        }
        if (!owner.equals(grid.self())) {
            return new RemoteDocument(id, owner, links, codec, participantNumbers::incrementAndGet);
        }
        return new LocalDocument(id, store.load(id.value(), limits.historyWindow()), store, chats, limits, codec, meters);
    }

    /** What another node sent, in the order it sent it. */
    private void received(String from, String text) {
        NodeLinks.Received received = links.read(from, text);
        if (received.afterLoss()) {
            LOG.warning("messages from node " + from + " were lost: its documents' participants here reconnect");
            linkBroken(from);
        }
        for (NodeMessage message : received.messages()) {
            try {
                handle(from, message);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "a message from node " + from + " could not be handled", failed);
            }
        }
    }

    private void handle(String from, NodeMessage message) {
        switch (message.kind()) {
            case NodeMessage.JOIN -> joinForwarded(from, message);
            case NodeMessage.EDIT, NodeMessage.SELECT, NodeMessage.CHAT, NodeMessage.LEAVE -> {
                if (!waitsForJoin(new Sender(from, message.participant()), message)) {
                    fromForwarded(from, message);
                }
            }
            case NodeMessage.OUT -> {
                if (open.get(new DocumentId(message.document())) instanceof RemoteDocument remote && remote.owner().equals(from)) {
                    remote.deliver(message.to(), message.clientMessage());
                }
            }
            case NodeMessage.END -> {
                if (open.get(new DocumentId(message.document())) instanceof RemoteDocument remote && remote.owner().equals(from)) {
                    remote.end(message.participant(), message.code(), message.why(), message.finish());
                }
            }
            case NodeMessage.RECONSIDER -> reconsiderHere(new DocumentId(message.document()));
            case NodeMessage.RECONSIDER_PERSON -> reconsiderHere(message.user(), message.person());
            default -> LOG.warning("node " + from + " sent a message of an unknown kind: " + message.kind());
        }
    }

    /** A participant of another node joins a document ordered here; its access was checked there. */
    private void joinForwarded(String from, NodeMessage message) {
        DocumentId id = new DocumentId(message.document());
        Sender key = new Sender(from, message.participant());
        NodeRecipient recipient = new NodeRecipient(links, from, id.value(), message.participant(),
                () -> forwarded.remove(key));
        if (stopping || !grid.self().equals(grid.ownerOf(id))) {
            recipient.shutDown(CloseCode.GOING_AWAY, LocalDocument.MOVED); // sent here before the owner changed
            return;
        }
        if (open.containsKey(id)) {
            enterForwarded(id, key, message, recipient);
            return;
        }
        // the document is read from the store first: meanwhile, the grid's messages for other
        // documents go on, and this participant's wait for its join
        List<NodeMessage> waiting = new ArrayList<>();
        joining.put(key, waiting);
        try {
            opener.execute(() -> {
                try {
                    enterForwarded(id, key, message, recipient);
                } finally {
                    synchronized (waiting) {
                        waiting.forEach(next -> fromForwarded(from, next));
                        joining.remove(key);
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            joining.remove(key);
            recipient.shutDown(CloseCode.GOING_AWAY, LocalDocument.MOVED);
        }
    }

    private void enterForwarded(DocumentId id, Sender key, NodeMessage message, NodeRecipient recipient) {
        try {
            ClientMessage.Join join = (ClientMessage.Join) codec.decode(message.clientMessage());
            Joined joined = enter(id, join, message.person(), message.admission(), recipient);
            Forwarded participant = new Forwarded(joined.document(), joined.participant());
            forwarded.put(key, participant);
            if (!grid.alive(key.node())) {
                leave(key, participant); // its node went while the document opened
            }
        } catch (ProtocolException refused) {
            refuse(recipient, refused);
        }
    }

    /** Whether the message is kept for later, its sender's join being under way. */
    private boolean waitsForJoin(Sender key, NodeMessage message) {
        List<NodeMessage> waiting = joining.get(key);
        if (waiting == null) {
            return false;
        }
        synchronized (waiting) {
            if (joining.get(key) != waiting) {
                return false; // done just now
            }
            waiting.add(message);
            return true;
        }
    }

    /** An edit, selection or departure of a participant another node forwarded. */
    private void fromForwarded(String from, NodeMessage message) {
        Sender key = new Sender(from, message.participant());
        Forwarded participant = forwarded.get(key);
        if (participant == null) {
            return; // it has left, or was told to
        }
        if (message.kind().equals(NodeMessage.LEAVE)) {
            leave(key, participant);
            return;
        }
        try {
            ClientMessage sent = codec.decode(message.clientMessage());
            if (sent instanceof ClientMessage.Edit edit) {
                participant.document().submit(participant.participant(), edit);
            } else if (sent instanceof ClientMessage.Selection selection) {
                participant.document().select(participant.participant(), selection);
            } else if (sent instanceof ClientMessage.Chat chat) {
                participant.document().chat(participant.participant(), chat);
            }
        } catch (ProtocolException refused) {
            if (refused.fatal()) {
                leave(key, participant);
            }
            refuse(participant.participant().recipient(), refused);
        }
    }

    /** Sends the error; ends the connection when it is fatal, as {@link Connection} does. */
    private void refuse(Recipient recipient, ProtocolException refused) {
        recipient.offer(codec.encode(refused.toMessage()));
        if (refused.fatal()) {
            recipient.finish(refused.code().closeCode(), refused.getMessage());
        }
    }

    /**
     * Nodes came, went, or are leaving: documents whose owner changed are handed over, and
     * participants of nodes that are gone leave.
     */
    private void nodesChanged() {
        for (Document document : open.values()) {
            if (!ordersAsOwnedBy(document, grid.ownerOf(document.id()))) {
                retire(document, LocalDocument.MOVED);
            }
        }
        forwarded.forEach((sender, participant) -> {
            if (!grid.alive(sender.node())) {
                leave(sender, participant);
            }
        });
    }

    /** A forwarded participant leaves its document here, unless it has already. */
    private boolean leave(Sender sender, Forwarded participant) {
        boolean present = forwarded.remove(sender, participant);
        if (present) {
            participant.document().leave(participant.participant());
        }
        return present;
    }

    /**
     * Some of what {@code node} sent here was lost: whatever it was about is in doubt, so its
     * participants here, and participants of its documents here, reconnect and resume.
     */
    private void linkBroken(String node) {
        for (Document document : open.values()) {
            if (document instanceof RemoteDocument remote && remote.owner().equals(node)) {
                retire(remote, LOST);
            }
        }
        forwarded.forEach((sender, participant) -> {
            if (sender.node().equals(node) && leave(sender, participant)) {
                participant.participant().recipient().shutDown(CloseCode.GOING_AWAY, LOST);
            }
        });
    }

    /** Drops documents nobody has had open for a while (on the timer, so also when nobody comes or goes). */
    private void releaseIdle() {
        lastSweep = System.nanoTime();
        long before = System.nanoTime() - limits.idleRelease().toNanos();
        for (Document document : open.values()) {
            if (document.closeIfIdleSince(before)) {
                open.remove(document.id(), document);
            }
        }
    }
}

package dev.tandem.collab;

import dev.tandem.access.Access;
import dev.tandem.access.Admission;
import dev.tandem.access.Person;
import dev.tandem.access.Role;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.store.DocumentStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open document. A document opens on its first join and is dropped from memory once
 * nobody has had it open for {@link Limits#idleRelease()} (everything is in the store by then).
 * {@link #open} decides what kind of {@link Document} serves an id: the place where scale-out
 * plugs in.
 */
@ApplicationScoped
public class DocumentRegistry {
    private static final Logger LOG = Logger.getLogger(DocumentRegistry.class.getName());

    /** Idle documents are looked for every idle delay, but at most once a second and at least every 10 ms. */
    private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Map<DocumentId, Document> open = new ConcurrentHashMap<>();
    /** Set once the server has begun to stop. */
    private volatile boolean stopping;
    private final MessageCodec codec = new MessageCodec();

    @Inject
    DocumentStore store;

    @Inject
    Limits limits;

    @Inject
    Access access;

    /** The server's, so that the timer's thread carries the application's context. */
    @Resource
    ManagedThreadFactory threads;

    /** Sends batched frames when their delay is over, and releases idle documents; one thread for all. */
    private ScheduledThreadPoolExecutor timer;
    /** Every person's and address's budgets, whatever document or connection. */
    private Budgets budgets;

    @PostConstruct
    void start() {
        budgets = new Budgets(limits.rates());
        timer = new ScheduledThreadPoolExecutor(1, threads);
        long sweep = Math.max(MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, limits.idleRelease().toNanos()));
        timer.scheduleWithFixedDelay(this::releaseIdle, sweep, sweep, TimeUnit.NANOSECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
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
        if (stopping) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "this server is stopping: join again in a moment", true);
        }
        while (true) {
            Document document;
            try {
                document = open.computeIfAbsent(id, this::open);
            } catch (RuntimeException storeFailed) {
                LOG.log(Level.WARNING, "document " + id + " could not be opened", storeFailed);
                throw new ProtocolException(ErrorCode.UNAVAILABLE,
                        "the document cannot be opened just now: try again in a moment", true);
            }
            Participant participant = document.join(join, person, admission, recipient);
            if (participant != null) {
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
                return new Joined(document, participant);
            }
            open.remove(id, document); // closed under our feet: open it afresh
        }
    }

    /**
     * The server is stopping: everyone in every document is told to reconnect (1001, going away),
     * and nobody more is let in. What was acknowledged is stored; what was not, clients send again
     * to the server they reach next, which applies it once.
     */
    public void goAway(String why) {
        stopping = true;
        for (Document document : open.values()) {
            for (Participant participant : document.participants()) {
                participant.recipient().shutDown(CloseCode.GOING_AWAY, why);
            }
        }
    }

    /** The document that serves {@code id} from now on: ordered here, from what the store has. */
    private Document open(DocumentId id) {
        return new LocalDocument(id, store.load(id.value(), limits.historyWindow()), store, limits, codec);
    }

    /** Drops documents nobody has had open for a while (on the timer, so also when nobody comes or goes). */
    private void releaseIdle() {
        long before = System.nanoTime() - limits.idleRelease().toNanos();
        for (Document document : open.values()) {
            if (document.closeIfIdleSince(before)) {
                open.remove(document.id(), document);
            }
        }
    }
}

package dev.tandem.collab;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.store.DocumentStore;
import dev.tandem.store.Snapshot;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Every open document and its participants. A document opens on its first join and is written
 * back to the store and dropped from memory once nobody has had it open for {@link Limits#idleRelease()}.
 */
@ApplicationScoped
public class DocumentRegistry {

    /** Document ids: letters, digits, '-' and '_', 1 to 64 of them. */
    public static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Idle documents are looked for every idle delay, but at most once a second and at least every 10 ms. */
    private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Map<String, DocumentSession> open = new ConcurrentHashMap<>();
    private MessageCodec codec;
    private DocumentStore store;
    private Limits limits;
    /** Sends batched frames when their delay is over, and releases idle documents; one thread for all. */
    private ScheduledExecutorService timer;

    protected DocumentRegistry() {
        // for CDI's proxy, which needs no state (and must start no thread)
    }

    @Inject
    public DocumentRegistry(DocumentStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
        this.codec = new MessageCodec();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tandem-outbox");
            thread.setDaemon(true);
            return thread;
        });
        long sweep = Math.max(MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, limits.idleRelease().toNanos()));
        timer.scheduleWithFixedDelay(this::releaseIdle, sweep, sweep, TimeUnit.NANOSECONDS);
    }

    public Limits limits() {
        return limits;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * A new connection to {@code documentId} that sends through {@code channel}.
     *
     * @throws IllegalArgumentException if the document id is not valid
     */
    public Connection connect(String documentId, Channel channel) {
        if (documentId == null || !DOCUMENT_ID.matcher(documentId).matches()) {
            throw new IllegalArgumentException("a document id has 1 to 64 letters, digits, '-' or '_'");
        }
        return new Connection(this, documentId, channel, limits, codec);
    }

    /** How many people are in {@code documentId} (0 if it is not open). */
    public int participants(String documentId) {
        DocumentSession session = open.get(documentId);
        return session == null ? 0 : session.participantCount();
    }

    /** The current state of a document, open or not. */
    public Snapshot snapshot(String documentId) {
        DocumentSession session = open.get(documentId);
        return session != null ? session.snapshot() : store.load(documentId, 0).latest();
    }

    /** The session joined and the participant it made. */
    record Joined(DocumentSession session, Participant participant) {
    }

    Joined join(String documentId, ClientMessage.Join join, Outbox outbox) throws ProtocolException {
        while (true) {
            DocumentSession session = open.computeIfAbsent(documentId,
                    id -> new DocumentSession(id, store.load(id, limits.historyWindow()), store, limits, codec,
                            System.nanoTime()));
            Participant participant = session.join(join, outbox);
            if (participant != null) {
                return new Joined(session, participant);
            }
            open.remove(documentId, session); // released under our feet: open it afresh
        }
    }

    void leave(DocumentSession session, Participant participant) {
        session.leave(participant, System.nanoTime());
    }

    /** How many documents are in memory. */
    public int openDocuments() {
        return open.size();
    }

    /** Drops documents nobody has had open for a while (on the timer, so also when nobody comes or goes). */
    private void releaseIdle() {
        long before = System.nanoTime() - limits.idleRelease().toNanos();
        for (DocumentSession session : open.values()) {
            if (session.releaseIfEmptySince(before)) {
                open.remove(session.id, session); // everything is in the store already
            }
        }
    }
}

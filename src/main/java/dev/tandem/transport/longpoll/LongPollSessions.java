package dev.tandem.transport.longpoll;

import dev.tandem.access.Person;
import dev.tandem.collab.DocumentRegistry;
import dev.tandem.metrics.Meters;
import dev.tandem.protocol.DocumentId;
import dev.tandem.transport.AddressCounts;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every long-polling session of this server, by its unguessable id (whoever knows it speaks for
 * that client). A session whose client has not polled for {@code tandem.longpoll-expiry-seconds}
 * ends, and its participant leaves the document.
 */
@ApplicationScoped
public class LongPollSessions {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, LongPollSession> sessions = new ConcurrentHashMap<>();
    /** Answers polls at their hold time, and ends quiet sessions. */
    private ScheduledThreadPoolExecutor timer;
    /**
     * Writes the answers that are not written on their poll's own thread. The container's way,
     * {@code AsyncContext.start}, runs each on Payara's unbounded cached pool: a message for many
     * waiting polls at once (a join's presence, with thousands of clients) made a thread for each
     * (606 threads at 7,000 clients). Writing an answer never blocks, so a few threads suffice.
     */
    private ThreadPoolExecutor answering;

    @Inject
    DocumentRegistry registry;

    @Inject
    LongPollRelay relay;

    /** The server's, so that these threads carry the application's context. */
    @Resource
    ManagedThreadFactory threads;

    /** How long a poll waits for something to deliver: under the 60 s most proxies allow between bytes. */
    @Inject
    @ConfigProperty(name = "tandem.longpoll-hold-seconds", defaultValue = "25")
    int holdSeconds;

    @Inject
    @ConfigProperty(name = "tandem.longpoll-expiry-seconds", defaultValue = "30")
    int expirySeconds;

    /**
     * A session costs the server memory until it expires, and opening one takes a single request:
     * without a bound, one client could fill the heap.
     */
    @Inject
    @ConfigProperty(name = "tandem.longpoll-max-sessions", defaultValue = "20000")
    int maxSessions;

    /** So that one network address cannot take all the sessions there are. */
    @Inject
    @ConfigProperty(name = "tandem.longpoll-max-sessions-per-address", defaultValue = "200")
    int maxSessionsPerAddress;

    @Inject
    Meters meters;

    /** Sessions by the address they come from. */
    private AddressCounts perAddress;

    @PostConstruct
    void start() {
        perAddress = new AddressCounts(maxSessionsPerAddress);
        meters.connections(Meters.LONG_POLLING, sessions::size);
        timer = new ScheduledThreadPoolExecutor(1, threads);
        timer.setRemoveOnCancelPolicy(true); // a poll answered early takes its timer with it
        long period = Math.max(1, Math.min(5, expirySeconds / 2));
        timer.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.SECONDS);
        int count = Math.max(2, Runtime.getRuntime().availableProcessors());
        answering = new ThreadPoolExecutor(count, count, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads);
        answering.allowCoreThreadTimeOut(true);
    }

    /** Made at start, so that the metrics count its connections from the start. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer alone makes the container create this bean now
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        answering.shutdown();
    }

    /**
     * A new session on a document for a client at {@code address}, or null if this server, or
     * this address, holds as many as it allows.
     */
    LongPollSession open(DocumentId documentId, String address, Person person) {
        if (sessions.size() >= maxSessions) {
            return null;
        }
        if (!perAddress.take(address)) {
            return null;
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        // in a cluster, the id names this node, so that the others can relay its requests here
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + relay.suffix();
        LongPollSession session = new LongPollSession(id, documentId, address, person.id(), this);
        session.attach(registry.connect(documentId, session, address, person));
        sessions.put(id, session);
        return session;
    }

    /** The session with this id on this document, opened by {@code user} (null: a guest), or null. */
    LongPollSession find(String id, DocumentId documentId, String user) {
        LongPollSession session = id == null ? null : sessions.get(id);
        return session != null && session.documentId.equals(documentId) && Objects.equals(session.user, user)
                ? session : null;
    }

    void remove(LongPollSession session) {
        if (sessions.remove(session.id, session)) {
            perAddress.release(session.address);
        }
    }

    Future<?> schedule(Runnable task, long delayMillis) {
        return timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs an answer's writing off the calling thread; RejectedExecutionException once stopped. */
    void answer(Runnable writing) {
        answering.execute(writing);
    }

    long holdMillis() {
        return TimeUnit.SECONDS.toMillis(holdSeconds);
    }

    int maxSessions() {
        return maxSessions;
    }

    int maxSessionsPerAddress() {
        return maxSessionsPerAddress;
    }

    int maxMessageBytes() {
        return registry.limits().maxMessageBytes();
    }

    private void expireIdle() {
        long now = System.nanoTime();
        long expiry = TimeUnit.SECONDS.toNanos(expirySeconds);
        long hold = TimeUnit.SECONDS.toNanos(holdSeconds);
        for (LongPollSession session : sessions.values()) {
            if (session.expired(expiry, hold, now)) {
                remove(session);
                session.expire();
            }
        }
    }
}

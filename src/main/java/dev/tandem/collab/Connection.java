package dev.tandem.collab;

import dev.tandem.access.Admission;
import dev.tandem.access.Person;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection to one document, whatever the transport: the transport hands it the
 * client's messages as text and tells it when the connection ends; it reads them, holds them to
 * the limits of the connection and of the person behind it, and hands them to the document.
 *
 * <p>A person typing faster than {@link Rates#editsPerSecond()} is slowed, not cut off: their
 * edit waits for its turn, and so do the messages after it, in order; only an edit that would wait
 * longer than {@link Rates#maxEditWait()} is refused. Selections beyond their rate wait too, and
 * only the latest of them is kept. The transport calls one at a time; a message whose turn comes
 * later is handled on the registry's timer, never while another is.
 */
public final class Connection {
    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    /** Numbers connections as this server sees them, so that the log can follow one. */
    private static final AtomicLong NUMBERS = new AtomicLong();

    private final DocumentRegistry registry;
    private final DocumentId documentId;
    private final long number = NUMBERS.incrementAndGet();
    private final String transport;
    /** The client id it joins with, once it has asked to. */
    private volatile String clientId;
    private final String address;
    private final Person person;
    /** Whose budget this connection's messages count against when signed in (else its client id's). */
    private final String signedInBudget;
    private final Outbox outbox;
    private final MessageCodec codec;
    private final Budgets budgets;
    private final int maxMessageBytes;
    private volatile Document document;
    private volatile Participant participant;
    /** Once the connection has ended, whatever the transport still hands over is ignored. */
    private volatile boolean ended;
    /** How the server ended it, if it did, with a fatal refusal. */
    private volatile CloseCode endedWith;

    /** Messages read and waiting for their turn, in order; guarded by itself. */
    private final ArrayDeque<Turn> waiting = new ArrayDeque<>();
    /** Whether a thread is handling this connection's messages now; guarded by {@link #waiting}. */
    private boolean handling;
    /** When the timer will look at the waiting messages again (0: it will not); guarded by {@link #waiting}. */
    private long lookAgainAt;

    /** A message and when it may be handled (System.nanoTime()), or a refusal to send in its place. */
    private record Turn(ClientMessage message, ProtocolException refusal, long notBefore) {
    }

    Connection(DocumentRegistry registry, DocumentId documentId, Channel channel, String address, Person person,
            Limits limits, MessageCodec codec, Budgets budgets) {
        this.registry = registry;
        this.documentId = documentId;
        this.transport = channel.transport();
        this.address = address;
        this.person = person;
        this.signedInBudget = person.signedIn() ? "user:" + person.id() : null;
        this.codec = codec;
        this.budgets = budgets;
        this.outbox = new Outbox(channel, limits.outboxLimit(), limits.outboxMaxBytes(), registry.timer(),
                limits.batchDelay().toNanos(), registry.meters());
        this.maxMessageBytes = limits.maxMessageBytes();
    }

    /**
     * Handles one message as the client sent it: too long, unreadable or refused, it gets an
     * error message and changes nothing.
     */
    public void receive(String text) {
        if (ended) {
            return;
        }
        if (tooLarge(text)) {
            refuse(new ProtocolException(ErrorCode.MESSAGE_TOO_LARGE,
                    "a message may have at most " + maxMessageBytes + " bytes", true));
            return;
        }
        Turn turn;
        try {
            ClientMessage message = codec.decode(text);
            turn = new Turn(message, null, turnOf(message));
        } catch (ProtocolException refused) {
            turn = new Turn(null, refused, 0);
        }
        enqueue(turn);
    }

    /** Handles the messages of one request, in order: a single message, or a JSON array of them. */
    public void receiveAll(String body) {
        for (String message : codec.split(body)) {
            if (ended) {
                return; // a leave, or a fatal error, ended it: what followed in the request goes nowhere
            }
            receive(message);
        }
    }

    /** The close code of the fatal refusal that ended this connection, or null. */
    public CloseCode endedWith() {
        return endedWith;
    }

    /** Whether the client has joined its document on this connection (and not left it). */
    public boolean joined() {
        return participant != null;
    }

    /** The transport's connection has ended, for whatever reason. */
    public void closed() {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("closed " + trail());
        }
        ended = true;
        synchronized (waiting) {
            waiting.clear();
        }
        outbox.close();
        leave();
    }

    /** When a message may be handled: now, or later for an edit or a selection beyond the person's rate. */
    private long turnOf(ClientMessage message) throws ProtocolException {
        Participant author = participant;
        long now = System.nanoTime();
        if (author == null) {
            return 0;
        }
        if (message instanceof ClientMessage.Edit) {
            long wait = budgets.edit(budgetKey(author.clientId()), address, now);
            if (wait < 0) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED,
                        "more edits per second than this server allows; reconnect and resend", true);
            }
            return wait == 0 ? 0 : now + wait;
        }
        if (message instanceof ClientMessage.Selection) {
            long wait = budgets.selection(budgetKey(author.clientId()), address, now);
            return wait == 0 ? 0 : now + wait;
        }
        return 0;
    }

    private void enqueue(Turn turn) {
        synchronized (waiting) {
            Turn last = waiting.peekLast();
            if (last != null && turn.message() instanceof ClientMessage.Selection
                    && last.message() instanceof ClientMessage.Selection) {
                waiting.pollLast(); // a newer selection replaces one still waiting: only where it is now matters
                turn = new Turn(turn.message(), null, last.notBefore());
            }
            waiting.add(turn);
            if (handling) {
                return;
            }
            handling = true;
        }
        handleWaiting();
    }

    /** Handles the waiting messages whose turn has come, in order; asks the timer to come back for the rest. */
    private void handleWaiting() {
        while (true) {
            Turn next;
            synchronized (waiting) {
                next = waiting.peek();
                long now = System.nanoTime();
                if (next == null || next.notBefore() > now) {
                    handling = false;
                    if (next != null && (lookAgainAt == 0 || next.notBefore() < lookAgainAt)) {
                        lookAgainAt = next.notBefore();
                        try {
                            registry.timer().schedule(this::lookAgain, next.notBefore() - now, TimeUnit.NANOSECONDS);
                        } catch (RejectedExecutionException stopping) {
                            waiting.clear(); // the server is stopping: nothing waits for it
                        }
                    }
                    return;
                }
                waiting.poll();
            }
            if (!ended) {
                handle(next);
            }
        }
    }

    /** The timer's turn: handle what has become due, unless another thread is at it. */
    private void lookAgain() {
        synchronized (waiting) {
            lookAgainAt = 0;
            if (handling) {
                return;
            }
            handling = true;
        }
        handleWaiting();
    }

    private void handle(Turn turn) {
        if (turn.refusal() != null) {
            refuse(turn.refusal());
            return;
        }
        try {
            handle(turn.message());
        } catch (ProtocolException refused) {
            refuse(refused);
        }
    }

    private void handle(ClientMessage message) throws ProtocolException {
        if (message instanceof ClientMessage.Join join) {
            if (participant != null) {
                throw new ProtocolException(ErrorCode.ALREADY_JOINED, "this connection has joined already");
            }
            clientId = join.clientId(); // the one it asks for: the log names it, let in or not
            if (!budgets.join(budgetKey(join.clientId()), address, System.nanoTime())) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED,
                        "more joins per minute than this server allows: try again later", true);
            }
            Admission admission = registry.access().admit(documentId, person, join);
            DocumentRegistry.Joined joined = registry.join(documentId, join, person, admission, outbox);
            document = joined.document();
            participant = joined.participant();
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("joined " + trail() + " role=" + participant.role().name().toLowerCase(Locale.ROOT));
            }
        } else if (message instanceof ClientMessage.Leave) {
            close(CloseCode.NORMAL, "left");
        } else if (participant == null) {
            throw new ProtocolException(ErrorCode.NOT_JOINED, "send a join message first");
        } else if (message instanceof ClientMessage.Edit edit) {
            if (!participant.role().canEdit()) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "you may view this document, not edit it");
            }
            document.submit(participant, edit);
        } else if (message instanceof ClientMessage.Selection selection) {
            document.select(participant, selection);
        } else if (message instanceof ClientMessage.Chat chat) {
            if (!budgets.chat(budgetKey(participant.clientId()), address, System.nanoTime())) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED, "more chat messages than this server allows:"
                        + " at most " + Budgets.CHATS_PER_MINUTE + " a minute; wait a little");
            }
            document.chat(participant, chat);
        }
    }

    /**
     * What the log says of this connection, so that one can be followed and searched for:
     * {@code connection=c12 transport=websocket document=notes client=k3x9}; names, never text.
     */
    String trail() {
        return "connection=c" + number + " transport=" + transport + " document=" + documentId.value()
                + (clientId == null ? "" : " client=" + clientId);
    }

    /** Whose budget a message counts against: a signed-in person's, whatever their tabs, or a guest's client id's. */
    private String budgetKey(String clientId) {
        return signedInBudget != null ? signedInBudget : clientId;
    }

    /** Whether {@code text} is over the message limit. */
    private boolean tooLarge(String text) {
        // a String never has more UTF-8 bytes than 3 per char: count them only when it may matter
        return (long) text.length() * 3 > maxMessageBytes && text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes;
    }

    /** Sends the error; closes the connection when it is fatal. */
    private void refuse(ProtocolException refused) {
        registry.meters().refused(refused.code().wire());
        // the code, never the message: a refusal may quote what the client sent
        LOG.log(refused.fatal() ? Level.INFO : Level.FINE, () -> (refused.fatal() ? "refused, closing " : "refused ")
                + trail() + " code=" + refused.code().wire());
        outbox.offer(codec.encode(refused.toMessage()));
        if (refused.fatal()) {
            endedWith = refused.code().closeCode();
            close(refused.code().closeCode(), refused.getMessage());
        }
    }

    /** Ends the connection from this side, after what is queued for it (the error that says why). */
    private void close(CloseCode reason, String why) {
        ended = true;
        synchronized (waiting) {
            waiting.clear();
        }
        leave();
        outbox.finish(reason, why);
    }

    private void leave() {
        Participant leaving = participant;
        participant = null;
        if (leaving != null) {
            document.leave(leaving);
        }
    }
}

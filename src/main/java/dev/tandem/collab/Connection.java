package dev.tandem.collab;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * One client connection to one document, whatever the transport: the transport hands it the
 * client's messages as text and tells it when the connection ends; it reads them, holds them to
 * the connection's limits and hands them to the document. Calls for one connection come one at a
 * time (a transport delivers a connection's messages in order).
 */
public final class Connection {
    private final DocumentRegistry registry;
    private final DocumentId documentId;
    private final Outbox outbox;
    private final MessageCodec codec;
    private final RateLimiter edits;
    private final int maxMessageBytes;
    private Document document;
    private Participant participant;
    /** Once the connection has ended, whatever the transport still hands over is ignored. */
    private boolean ended;

    Connection(DocumentRegistry registry, DocumentId documentId, Channel channel, Limits limits, MessageCodec codec) {
        this.registry = registry;
        this.documentId = documentId;
        this.codec = codec;
        this.outbox = new Outbox(channel, limits.outboxLimit(), limits.outboxMaxBytes(), registry.timer(),
                limits.batchDelay().toNanos());
        this.edits = new RateLimiter(limits.editsPerSecond(), System.nanoTime());
        this.maxMessageBytes = limits.maxMessageBytes();
    }

    /**
     * Handles one message as the client sent it: too long, unreadable or refused, it gets an
     * error message and changes nothing.
     */
    public void receive(String text) {
        if (!ended && fits(text)) {
            try {
                handle(codec.decode(text));
            } catch (ProtocolException refused) {
                refuse(refused);
            }
        }
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

    /** Whether the client has joined its document on this connection (and not left it). */
    public boolean joined() {
        return participant != null;
    }

    /** The transport's connection has ended, for whatever reason. */
    public void closed() {
        ended = true;
        outbox.close();
        if (participant != null) {
            document.leave(participant);
            participant = null;
        }
    }

    /** Whether {@code text} is within the message limit; if not, the client is told and the connection ends. */
    private boolean fits(String text) {
        // a String never has more UTF-8 bytes than 3 per char: count them only when it may matter
        if ((long) text.length() * 3 > maxMessageBytes
                && text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
            refuse(new ProtocolException(ErrorCode.MESSAGE_TOO_LARGE,
                    "a message may have at most " + maxMessageBytes + " bytes", true));
            return false;
        }
        return true;
    }

    private void handle(ClientMessage message) throws ProtocolException {
        if (message instanceof ClientMessage.Join join) {
            if (participant != null) {
                throw new ProtocolException(ErrorCode.ALREADY_JOINED, "this connection has joined already");
            }
            DocumentRegistry.Joined joined = registry.join(documentId, join, outbox);
            document = joined.document();
            participant = joined.participant();
        } else if (message instanceof ClientMessage.Leave) {
            close(CloseCode.NORMAL, "left");
        } else if (participant == null) {
            throw new ProtocolException(ErrorCode.NOT_JOINED, "send a join message first");
        } else if (message instanceof ClientMessage.Edit edit) {
            if (!edits.tryAcquire(System.nanoTime())) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED,
                        "more edits per second than this server allows; reconnect and resend", true);
            }
            document.submit(participant, edit);
        } else if (message instanceof ClientMessage.Selection selection) {
            document.select(participant, selection);
        }
    }

    /** Sends the error; closes the connection when it is fatal. */
    private void refuse(ProtocolException refused) {
        outbox.offer(codec.encode(refused.toMessage()));
        if (refused.fatal()) {
            close(refused.code().closeCode(), refused.getMessage());
        }
    }

    /** Ends the connection from this side, after what is queued for it (the error that says why). */
    private void close(CloseCode reason, String why) {
        ended = true;
        if (participant != null) {
            document.leave(participant);
            participant = null;
        }
        outbox.finish(reason, why);
    }
}

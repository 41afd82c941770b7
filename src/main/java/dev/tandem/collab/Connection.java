package dev.tandem.collab;

import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * One client connection to one document, whatever the transport: the transport hands it each
 * decoded message, or the refusal of an undecodable one, and tells it when the connection ends.
 * Calls for one connection come one at a time (a transport delivers a connection's messages in order).
 */
public final class Connection {
    private final DocumentRegistry registry;
    private final String documentId;
    private final Channel channel;
    private final Outbox outbox;
    private final MessageCodec codec;
    private final RateLimiter edits;
    private final int maxMessageBytes;
    private DocumentSession session;
    private Participant participant;

    Connection(DocumentRegistry registry, String documentId, Channel channel, Limits limits, MessageCodec codec) {
        this.registry = registry;
        this.documentId = documentId;
        this.channel = channel;
        this.codec = codec;
        this.outbox = new Outbox(channel, limits.outboxLimit(), registry.timer(), limits.batchDelay().toNanos());
        this.edits = new RateLimiter(limits.editsPerSecond(), System.nanoTime());
        this.maxMessageBytes = limits.maxMessageBytes();
    }

    /**
     * Handles one message as the client sent it: too long, undecodable or refused, it gets an
     * error message and changes nothing.
     */
    public void receive(String text) {
        // a String never has more UTF-8 bytes than 3 per char: count them only when it may matter
        if ((long) text.length() * 3 > maxMessageBytes
                && text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
            refuse(new ProtocolException(ErrorCode.MESSAGE_TOO_LARGE,
                    "a message may have at most " + maxMessageBytes + " bytes", true));
            return;
        }
        ClientMessage message;
        try {
            message = codec.decode(text);
        } catch (ProtocolException refused) {
            refuse(refused);
            return;
        }
        receive(message);
    }

    /** Handles one message; a refused one gets an error message and changes nothing. */
    public void receive(ClientMessage message) {
        try {
            if (message instanceof ClientMessage.Join join) {
                if (participant != null) {
                    throw new ProtocolException(ErrorCode.ALREADY_JOINED, "this connection has joined already");
                }
                DocumentRegistry.Joined joined = registry.join(documentId, join, outbox);
                session = joined.session();
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
                session.submit(participant, edit);
            } else if (message instanceof ClientMessage.Selection selection) {
                session.select(participant, selection);
            }
        } catch (ProtocolException refused) {
            refuse(refused);
        }
    }

    /** Sends the error; closes the connection when it is fatal. */
    public void refuse(ProtocolException refused) {
        outbox.offer(codec.encode(refused.toMessage()));
        if (refused.fatal()) {
            close(refused.code().closeCode(), refused.getMessage());
        }
    }

    /** The transport's connection has ended, for whatever reason. */
    public void closed() {
        outbox.close();
        if (participant != null) {
            registry.leave(session, participant);
            participant = null;
        }
    }

    private void close(CloseCode reason, String why) {
        closed();
        channel.close(reason, why);
    }
}

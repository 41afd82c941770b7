package dev.tandem.protocol;

import dev.tandem.ot.TextOperation;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import java.util.List;

/** What the server sends. The {@code type} property names the kind. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "welcome", type = ServerMessage.Welcome.class),
        @JsonbSubtype(alias = "ack", type = ServerMessage.Ack.class),
        @JsonbSubtype(alias = "edit", type = ServerMessage.Edited.class),
        @JsonbSubtype(alias = "presence", type = ServerMessage.Presence.class),
        @JsonbSubtype(alias = "error", type = ServerMessage.Error.class),
        @JsonbSubtype(alias = "chat", type = ServerMessage.Chat.class)})
public sealed interface ServerMessage {

    /**
     * The answer to a join. With {@code resuming} the client keeps its text, at {@code revision},
     * and the edits it missed follow; otherwise {@code text} is the document at {@code revision}.
     * {@code lastSeq} is the client's latest applied edit (null if none is known), so that a client
     * given a fresh copy knows whether its unacknowledged edit is already in it. {@code limits}
     * says what the server takes, so that a client cuts large edits to fit. {@code role} is what
     * the client may do ("viewer": no edits), {@code name} and {@code color} how others see it;
     * {@code clientSecret}, given to a guest's new client id, is to be presented when it comes back.
     */
    record Welcome(String clientId, long revision, String text, boolean resuming, Long lastSeq,
            List<Peer> participants, Limits limits, String role, String name, String color, String clientSecret)
            implements ServerMessage {

        /** The largest message, in UTF-8 bytes, and the longest document, in code points. */
        public record Limits(int maxMessageBytes, int maxDocumentCodePoints) {
        }
    }

    /** The client's edit {@code seq} is applied and the document is now at {@code revision}. */
    record Ack(long seq, long revision) implements ServerMessage {
    }

    /** Someone's edit, applied as {@code revision}, rewritten to follow every earlier revision. */
    record Edited(long revision, String clientId, long seq, TextOperation op) implements ServerMessage {
    }

    /** Somebody {@code joined}, {@code left} or moved their {@code selection}. */
    record Presence(String event, Peer participant) implements ServerMessage {
        public static final String JOINED = "joined";
        public static final String LEFT = "left";
        public static final String SELECTION = "selection";
    }

    /**
     * A chat message, stored with the document: {@code id} orders a document's chat, {@code time}
     * is when it was stored (ISO 8601, UTC); {@code name} and {@code color} are its author's as
     * others saw them then.
     */
    record Chat(long id, String clientId, String name, String color, String text, String time)
            implements ServerMessage {
    }

    /**
     * A refused message. {@code code} is stable, for programs; {@code message} is for people;
     * when {@code fatal} the server closes the connection after sending it.
     */
    record Error(String code, String message, boolean fatal) implements ServerMessage {
    }
}

package dev.tandem.protocol;

import dev.tandem.ot.Component;
import dev.tandem.ot.MalformedOperationException;
import dev.tandem.ot.TextOperation;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import java.util.List;
import java.util.regex.Pattern;

/** What a client sends. The {@code type} property names the kind. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "join", type = ClientMessage.Join.class),
        @JsonbSubtype(alias = "edit", type = ClientMessage.Edit.class),
        @JsonbSubtype(alias = "selection", type = ClientMessage.Selection.class),
        @JsonbSubtype(alias = "leave", type = ClientMessage.Leave.class),
        @JsonbSubtype(alias = "chat", type = ClientMessage.Chat.class)})
public sealed interface ClientMessage {

    /** Client ids: what a browser generates once and keeps across reconnects. */
    Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Share links' tokens. */
    Pattern TOKEN = CLIENT_ID;
    /** A guest's client secret: long enough not to be guessed. */
    Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    int MAX_NAME_LENGTH = 64;
    int MAX_RANGES = 32;

    /**
     * Enter a document, or come back to it: {@code lastSeenRevision} asks for what was missed. A
     * guest's client id is bound to the {@code clientSecret} of its first join (or, if it sent
     * none, of its first welcome), which it presents when it comes back; {@code link} is a share link's token. {@code name} is shown
     * for guests only (marked as a guest's), {@code color} no longer: the server decides both.
     */
    record Join(String clientId, String name, String color, Long lastSeenRevision, String clientSecret, String link)
            implements ClientMessage {
        public Join {
            if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
                throw new IllegalArgumentException("join needs a clientId of 1 to 64 letters, digits, '-' or '_'");
            }
            if (name != null && name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("a name has at most " + MAX_NAME_LENGTH + " characters");
            }
            if (lastSeenRevision != null && lastSeenRevision < 0) {
                throw new IllegalArgumentException("lastSeenRevision cannot be negative");
            }
            if (clientSecret != null && !SECRET.matcher(clientSecret).matches()) {
                throw new IllegalArgumentException("a clientSecret is 16 to 64 letters, digits, '-' or '_'");
            }
            if (link != null && !TOKEN.matcher(link).matches()) {
                throw new IllegalArgumentException("a link is 1 to 64 letters, digits, '-' or '_'");
            }
        }

        /** A join with no secret and no link. */
        public Join(String clientId, String name, String color, Long lastSeenRevision) {
            this(clientId, name, color, lastSeenRevision, null, null);
        }
    }

    /**
     * An edit made on top of {@code revision}; {@code seq} numbers the client's edits, from 1. Its
     * text may not hold U+0000, which PostgreSQL cannot store in text: refused here, for every
     * database alike.
     */
    record Edit(long revision, long seq, TextOperation op) implements ClientMessage {
        public Edit {
            if (op == null) {
                throw new IllegalArgumentException("edit needs an op");
            }
            for (Component component : op.components()) {
                if (component instanceof Component.Insert insert && insert.text().toString().indexOf('\0') >= 0) {
                    throw new MalformedOperationException("an insert cannot hold U+0000 (NUL)");
                }
            }
            if (revision < 0 || seq < 1) {
                throw new IllegalArgumentException("edit needs a revision of 0 or more and a seq of 1 or more");
            }
        }
    }

    /** Where the client's selections are, in the text at {@code revision}. */
    record Selection(long revision, List<Range> ranges) implements ClientMessage {
        public Selection {
            ranges = ranges == null ? List.of() : List.copyOf(ranges);
            if (ranges.size() > MAX_RANGES) {
                throw new IllegalArgumentException("at most " + MAX_RANGES + " ranges in a selection");
            }
        }
    }

    /**
     * A chat message to everyone in the document: text only, 1 to {@value #MAX_CHAT_LENGTH} code
     * points, with line breaks and tabs but no other control characters.
     */
    record Chat(String text) implements ClientMessage {
        public Chat {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("chat needs a text that is not blank");
            }
            if (text.codePointCount(0, text.length()) > MAX_CHAT_LENGTH) {
                throw new IllegalArgumentException("a chat message has at most " + MAX_CHAT_LENGTH + " characters");
            }
            if (text.codePoints().anyMatch(c -> (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t')
                    || Character.getType(c) == Character.SURROGATE)) {
                throw new IllegalArgumentException("a chat message is text: no control characters but line breaks and tabs");
            }
        }
    }

    int MAX_CHAT_LENGTH = 2000;

    /** Leave the document; the connection may close. */
    record Leave() implements ClientMessage {
    }
}

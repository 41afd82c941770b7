package dev.tandem.collab;

import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.store.ChatLine;
import dev.tandem.store.ChatStore;
import java.time.Instant;

/**
 * A document's chat as the node that orders the document numbers it: each line gets the next
 * number (read from the store once), and is shown only once stored. Guarded by its document's lock.
 */
final class DocumentChat {
    private final DocumentId id;
    private final ChatStore store;
    /** The next line's number; 0 until read from the store. */
    private long next;

    DocumentChat(DocumentId id, ChatStore store) {
        this.id = id;
        this.store = store;
    }

    ChatStore store() {
        return store;
    }

    /** The next line: {@code text} by {@code author}, now. */
    ChatLine line(Participant author, String text, Instant now) {
        if (next == 0) {
            next = store.lastNumber(id.value()) + 1;
        }
        String who = author.person().signedIn() ? author.person().id() : null;
        return new ChatLine(id.value(), next++, author.clientId(), who, author.name(), author.color(), text, now);
    }

    /** What clients are sent of {@code line}. */
    static ServerMessage.Chat message(ChatLine line) {
        return new ServerMessage.Chat(line.number(), line.clientId(), line.authorName(), line.color(), line.text(),
                line.time().toString());
    }
}

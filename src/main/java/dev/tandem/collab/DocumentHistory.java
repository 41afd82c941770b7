package dev.tandem.collab;

import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.store.ChatStore;
import dev.tandem.store.DocumentStore;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * A document's stored history: its text at any revision, its edits with their authors and
 * times, and its chat. What the history API reads, so that it reaches the store only through the service.
 */
@ApplicationScoped
public class DocumentHistory {
    @Inject
    DocumentStore store;

    @Inject
    ChatStore chats;

    /** The text at {@code revision}; empty if the document has no such revision (yet). */
    public Optional<Snapshot> textAt(DocumentId id, long revision) {
        return store.textAt(id.value(), revision);
    }

    /** The document's last {@code limit} chat messages, oldest first, as clients are shown them. */
    public List<ServerMessage.Chat> chat(DocumentId id, int limit) {
        return chats.recent(id.value(), limit).stream().map(DocumentChat::message).toList();
    }

    /** The edits with revisions in ({@code from}, {@code to}], oldest first, at most {@code limit}. */
    public List<LoggedEdit> edits(DocumentId id, long from, long to, int limit) {
        return store.edits(id.value(), from, to, limit);
    }
}

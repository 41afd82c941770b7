package dev.tandem.store;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Keeps every document's chat, for as long as the document exists. */
public interface ChatStore {

    /**
     * Stores {@code line}; completes once it is stored (exceptionally if it could not be, or its
     * number is taken). Lines complete in the order they were handed over: that is the order people see.
     */
    CompletionStage<Void> append(ChatLine line);

    /** The document's last {@code limit} lines, oldest first. */
    List<ChatLine> recent(String documentId, int limit);

    /** The number of the document's last line; 0 if it has none. */
    long lastNumber(String documentId);

    /** Erases the document's chat, for good. */
    void erase(String documentId);
}

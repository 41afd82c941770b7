package dev.tandem.store;

import java.io.Serializable;
import java.util.Objects;

/** A chat line's key: its document and its number there. */
public class ChatKey implements Serializable {
    private static final long serialVersionUID = 1L;

    String documentId;
    long number;

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatKey key && key.number == number && Objects.equals(key.documentId, documentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(documentId, number);
    }
}

package dev.tandem.support.store;

import dev.tandem.store.ChatLine;
import dev.tandem.store.ChatStore;
import jakarta.enterprise.inject.Vetoed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link ChatStore} in memory, with the database's key: a line's number is taken once per document. */
@Vetoed
public class InMemoryChatStore implements ChatStore {
    private final List<ChatLine> lines = new ArrayList<>();

    @Override
    public synchronized CompletionStage<Void> append(ChatLine line) {
        if (lines.stream().anyMatch(kept -> kept.documentId().equals(line.documentId()) && kept.number() == line.number())) {
            return CompletableFuture.failedFuture(new IllegalStateException("line " + line.number() + " is taken"));
        }
        lines.add(line);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized List<ChatLine> recent(String documentId, int limit) {
        List<ChatLine> of = lines.stream().filter(line -> line.documentId().equals(documentId))
                .sorted(Comparator.comparingLong(ChatLine::number)).toList();
        return of.subList(Math.max(0, of.size() - limit), of.size());
    }

    @Override
    public synchronized long lastNumber(String documentId) {
        return lines.stream().filter(line -> line.documentId().equals(documentId)).mapToLong(ChatLine::number).max()
                .orElse(0);
    }

    @Override
    public synchronized void erase(String documentId) {
        lines.removeIf(line -> line.documentId().equals(documentId));
    }
}

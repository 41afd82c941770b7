package dev.tandem.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The chat's rows, one transaction per call. */
@ApplicationScoped
@Transactional
public class ChatLog {
    @PersistenceContext(unitName = "tandem")
    EntityManager entities;

    public void insert(ChatLine line) {
        ChatRecord row = new ChatRecord();
        row.documentId = line.documentId();
        row.number = line.number();
        row.clientId = line.clientId();
        row.author = line.author();
        row.authorName = line.authorName();
        row.color = line.color();
        row.text = line.text();
        row.sentUtc = LocalDateTime.ofInstant(line.time(), ZoneOffset.UTC);
        entities.persist(row);
        entities.flush(); // a number taken already fails here, inside the transaction
    }

    public List<ChatLine> recent(String documentId, int limit) {
        List<ChatLine> lines = new ArrayList<>(entities.createQuery("SELECT c FROM ChatRecord c WHERE c.documentId = :d"
                + " ORDER BY c.number DESC", ChatRecord.class).setParameter("d", documentId).setMaxResults(limit)
                .getResultList().stream().map(ChatLog::line).toList());
        Collections.reverse(lines);
        return lines;
    }

    public long lastNumber(String documentId) {
        Long last = entities.createQuery("SELECT MAX(c.number) FROM ChatRecord c WHERE c.documentId = :d", Long.class)
                .setParameter("d", documentId).getSingleResult();
        return last == null ? 0 : last;
    }

    public void erase(String documentId) {
        entities.createQuery("DELETE FROM ChatRecord c WHERE c.documentId = :d").setParameter("d", documentId).executeUpdate();
    }

    private static ChatLine line(ChatRecord row) {
        return new ChatLine(row.documentId, row.number, row.clientId, row.author, row.authorName, row.color, row.text,
                row.sentUtc.toInstant(ZoneOffset.UTC));
    }
}

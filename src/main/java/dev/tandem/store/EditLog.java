package dev.tandem.store;

import dev.tandem.ot.Rope;
import dev.tandem.protocol.OperationJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the operation log and snapshots in the application server's default database (through JPA), one transaction per call; {@link JdbcLogWriter} writes them. */
@ApplicationScoped
public class EditLog {

    @PersistenceContext(unitName = "tandem")
    EntityManager entities;


    /**
     * Makes (document, client id, seq) unique in the log, as (document, revision) is: see
     * {@link LogFence}. Tables made before this index get it here (the persistence provider adds
     * columns to tables it made, never constraints).
     */
    @Transactional
    public void fence() {
        entities.createNativeQuery("CREATE UNIQUE INDEX IF NOT EXISTS TANDEM_EDIT_CLIENT_SEQ"
                + " ON TANDEM_EDIT (DOCUMENT_ID, CLIENT_ID, SEQ)").executeUpdate();
    }

    /** Asks the database the cheapest question there is; throws if it does not answer within seconds. */
    public void ping() {
        entities.createNativeQuery("SELECT 1").setHint("jakarta.persistence.query.timeout", 3000).getSingleResult();
    }


    @Transactional
    public StoredDocument read(String documentId, int recentEdits) {
        Ends ends = ends(documentId);
        if (ends.latest() == 0) {
            return StoredDocument.EMPTY;
        }
        long latest = ends.latest();
        long snapshotRevision = ends.snapshot();
        Rope text = snapshotRevision == 0 ? Rope.empty()
                : Rope.of(entities.find(SnapshotRecord.class, key(documentId, snapshotRevision)).text);
        long from = Math.min(snapshotRevision, latest - recentEdits);
        List<LoggedEdit> recent = new ArrayList<>();
        for (LoggedEdit edit : edits(documentId, from, latest, Integer.MAX_VALUE)) {
            if (edit.revision() > snapshotRevision) {
                text = edit.op().apply(text);
            }
            if (edit.revision() > latest - recentEdits) {
                recent.add(edit);
            }
        }
        return new StoredDocument(new Snapshot(text, latest), recent);
    }

    @Transactional
    public Optional<Snapshot> textAt(String documentId, long revision) {
        if (revision < 0 || revision > ends(documentId).latest()) {
            return Optional.empty();
        }
        List<SnapshotRecord> snapshots = entities.createQuery("select s from SnapshotRecord s where s.documentId = :d"
                + " and s.revision <= :r order by s.revision desc", SnapshotRecord.class)
                .setParameter("d", documentId).setParameter("r", revision).setMaxResults(1).getResultList();
        long from = snapshots.isEmpty() ? 0 : snapshots.get(0).revision;
        Rope text = snapshots.isEmpty() ? Rope.empty() : Rope.of(snapshots.get(0).text);
        for (LoggedEdit edit : edits(documentId, from, revision, Integer.MAX_VALUE)) {
            text = edit.op().apply(text);
        }
        return Optional.of(new Snapshot(text, revision));
    }

    @Transactional
    public List<LoggedEdit> edits(String documentId, long from, long to, int limit) {
        return entities.createQuery("select e from EditRecord e where e.documentId = :d and e.revision > :from"
                + " and e.revision <= :to order by e.revision", EditRecord.class)
                .setParameter("d", documentId).setParameter("from", from).setParameter("to", to)
                .setMaxResults(limit).getResultList().stream()
                .map(EditLog::logged)
                .toList();
    }

    @Transactional
    public Optional<LoggedEdit> lastEdit(String documentId) {
        long latest = ends(documentId).latest();
        return latest == 0 ? Optional.empty()
                : Optional.ofNullable(entities.find(EditRecord.class, key(documentId, latest))).map(EditLog::logged);
    }

    @Transactional
    public void erase(String documentId) {
        entities.createQuery("DELETE FROM EditRecord e WHERE e.documentId = :d").setParameter("d", documentId).executeUpdate();
        entities.createQuery("DELETE FROM SnapshotRecord s WHERE s.documentId = :d").setParameter("d", documentId)
                .executeUpdate();
    }

    /** Where a document's latest snapshot is and where its log ends (0: none). */
    private record Ends(long snapshot, long latest) {
    }

    /**
     * Looked up from the latest snapshot forward: a {@code max(revision)} over a whole document's
     * log reads every row of it on some databases (H2 among them), a second on a million edits
     * read from disk; from the snapshot on, it reads at most a snapshot interval of rows.
     */
    private Ends ends(String documentId) {
        Long snapshot = entities.createQuery("select max(s.revision) from SnapshotRecord s where s.documentId = :d",
                Long.class).setParameter("d", documentId).getSingleResult();
        long from = snapshot == null ? 0 : snapshot;
        Long latest = entities.createQuery("select max(e.revision) from EditRecord e where e.documentId = :d"
                + " and e.revision >= :from", Long.class)
                .setParameter("d", documentId).setParameter("from", from).getSingleResult();
        return new Ends(from, latest == null ? from : latest);
    }

    private static RevisionKey key(String documentId, long revision) {
        RevisionKey key = new RevisionKey();
        key.documentId = documentId;
        key.revision = revision;
        return key;
    }

    private static LoggedEdit logged(EditRecord row) {
        return new LoggedEdit(row.revision, row.clientId, row.seq, OperationJson.fromJson(row.op),
                row.appliedUtc.toInstant(ZoneOffset.UTC), row.author, row.authorName);
    }
}

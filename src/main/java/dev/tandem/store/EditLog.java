package dev.tandem.store;

import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operation log and snapshots in the application server's default database, one transaction per call. */
@ApplicationScoped
public class EditLog {
    @PersistenceContext(unitName = "tandem")
    EntityManager entities;

    /** A snapshot every this many revisions: opening a document replays at most that many edits. */
    @Inject
    @ConfigProperty(name = "tandem.snapshot-every", defaultValue = "100")
    int snapshotEvery;

    @Transactional
    public void write(String documentId, List<LoggedEdit> edits, Rope textAfter) {
        for (LoggedEdit edit : edits) {
            EditRecord row = new EditRecord();
            row.documentId = documentId;
            row.revision = edit.revision();
            row.clientId = edit.clientId();
            row.seq = edit.seq();
            row.op = OperationJson.write(edit.op()).toString();
            row.appliedUtc = LocalDateTime.ofInstant(edit.time(), ZoneOffset.UTC);
            entities.persist(row);
        }
        long first = edits.get(0).revision();
        long last = edits.get(edits.size() - 1).revision();
        DocumentRecord head = head(documentId);
        if (head == null) {
            head = new DocumentRecord();
            head.documentId = documentId;
            entities.persist(head);
        }
        head.endsAt(last);
        if (last / snapshotEvery > (first - 1) / snapshotEvery) {
            SnapshotRecord snapshot = new SnapshotRecord();
            snapshot.documentId = documentId;
            snapshot.revision = last;
            snapshot.text = textAfter.toString();
            entities.persist(snapshot);
            head.snapshotAt(last);
        }
    }

    @Transactional
    public StoredDocument read(String documentId, int recentEdits) {
        DocumentRecord head = head(documentId);
        if (head == null) {
            return StoredDocument.EMPTY;
        }
        long latest = head.revision;
        long snapshotRevision = head.snapshotRevision;
        Rope text = snapshotRevision == 0 ? Rope.empty()
                : Rope.of(entities.find(SnapshotRecord.class, key(documentId, snapshotRevision)).text);
        long from = Math.min(snapshotRevision, latest - recentEdits);
        List<EditRecord> rows = entities.createQuery("select e from EditRecord e where e.documentId = :d"
                + " and e.revision > :from order by e.revision", EditRecord.class)
                .setParameter("d", documentId).setParameter("from", from).getResultList();
        List<LoggedEdit> recent = new ArrayList<>();
        for (EditRecord row : rows) {
            TextOperation op = OperationJson.read(row.op);
            if (row.revision > snapshotRevision) {
                text = op.apply(text);
            }
            if (row.revision > latest - recentEdits) {
                recent.add(logged(row, op));
            }
        }
        return new StoredDocument(new Snapshot(text, latest), recent);
    }

    @Transactional
    public Optional<Snapshot> textAt(String documentId, long revision) {
        DocumentRecord head = head(documentId);
        if (revision < 0 || revision > (head == null ? 0 : head.revision)) {
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
                .map(row -> logged(row, OperationJson.read(row.op)))
                .toList();
    }

    /**
     * The document's head row, or null for a document never edited. A document stored before
     * there were head rows gets one here, from its log, once.
     */
    private DocumentRecord head(String documentId) {
        DocumentRecord head = entities.find(DocumentRecord.class, documentId);
        if (head != null) {
            return head;
        }
        Long latest = entities.createQuery("select max(e.revision) from EditRecord e where e.documentId = :d", Long.class)
                .setParameter("d", documentId).getSingleResult();
        if (latest == null) {
            return null;
        }
        Long snapshot = entities.createQuery("select max(s.revision) from SnapshotRecord s where s.documentId = :d",
                Long.class).setParameter("d", documentId).getSingleResult();
        head = new DocumentRecord();
        head.documentId = documentId;
        head.endsAt(latest);
        head.snapshotAt(snapshot == null ? 0 : snapshot);
        entities.persist(head);
        return head;
    }

    private static RevisionKey key(String documentId, long revision) {
        RevisionKey key = new RevisionKey();
        key.documentId = documentId;
        key.revision = revision;
        return key;
    }

    private static LoggedEdit logged(EditRecord row, TextOperation op) {
        return new LoggedEdit(row.revision, row.clientId, row.seq, op, row.appliedUtc.toInstant(ZoneOffset.UTC));
    }
}

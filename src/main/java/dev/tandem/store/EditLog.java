package dev.tandem.store;

import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.ot.WireForm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
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
            row.op = json(edit.op());
            row.appliedAt = edit.time();
            entities.persist(row);
        }
        long first = edits.get(0).revision();
        long last = edits.get(edits.size() - 1).revision();
        if (last / snapshotEvery > (first - 1) / snapshotEvery) {
            SnapshotRecord snapshot = new SnapshotRecord();
            snapshot.documentId = documentId;
            snapshot.revision = last;
            snapshot.text = textAfter.toString();
            entities.persist(snapshot);
        }
    }

    @Transactional
    public StoredDocument read(String documentId, int recentEdits) {
        List<SnapshotRecord> snapshots = entities.createQuery(
                "select s from SnapshotRecord s where s.documentId = :d order by s.revision desc", SnapshotRecord.class)
                .setParameter("d", documentId).setMaxResults(1).getResultList();
        Long latest = entities.createQuery("select max(e.revision) from EditRecord e where e.documentId = :d", Long.class)
                .setParameter("d", documentId).getSingleResult();
        if (latest == null) {
            return StoredDocument.EMPTY;
        }
        long snapshotRevision = snapshots.isEmpty() ? 0 : snapshots.get(0).revision;
        Rope text = snapshots.isEmpty() ? Rope.empty() : Rope.of(snapshots.get(0).text);
        long from = Math.min(snapshotRevision, latest - recentEdits);
        List<EditRecord> rows = entities.createQuery("select e from EditRecord e where e.documentId = :d"
                + " and e.revision > :from order by e.revision", EditRecord.class)
                .setParameter("d", documentId).setParameter("from", from).getResultList();
        List<LoggedEdit> recent = new ArrayList<>();
        for (EditRecord row : rows) {
            TextOperation op = operation(row.op);
            if (row.revision > snapshotRevision) {
                text = op.apply(text);
            }
            if (row.revision > latest - recentEdits) {
                recent.add(new LoggedEdit(row.revision, row.clientId, row.seq, op, row.appliedAt));
            }
        }
        return new StoredDocument(new Snapshot(text, latest), recent);
    }

    private static String json(TextOperation op) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Object step : WireForm.format(op)) {
            if (step instanceof String insert) {
                array.add(insert);
            } else {
                array.add(((Number) step).longValue());
            }
        }
        return array.build().toString();
    }

    private static TextOperation operation(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            List<Object> steps = new ArrayList<>();
            for (JsonValue value : reader.readArray()) {
                steps.add(value instanceof JsonString string ? string.getString() : ((JsonNumber) value).longValueExact());
            }
            return WireForm.parse(steps);
        }
    }
}

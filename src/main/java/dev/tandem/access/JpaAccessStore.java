package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link AccessStore} in the application server's default database, beside the operation log. */
@ApplicationScoped
@Transactional
public class JpaAccessStore implements AccessStore {
    @PersistenceContext(unitName = "tandem")
    EntityManager entities;

    @Override
    public String claimClient(String clientId, String holder) {
        ClientRecord existing = entities.find(ClientRecord.class, clientId);
        if (existing != null) {
            return existing.holder;
        }
        ClientRecord row = new ClientRecord();
        row.clientId = clientId;
        row.holder = holder;
        entities.persist(row);
        entities.flush(); // a claim made meanwhile fails here, and the caller asks again
        return holder;
    }

    /**
     * The document's owner and grants. A document of the log with no owner's record (written
     * before owners, or while nobody signed in) has no owner: everyone signed in may edit it, as
     * anyone could then.
     */
    @Override
    public Optional<DocumentEntry> document(String id) {
        DocumentRecord row = entities.find(DocumentRecord.class, id);
        if (row == null && !hasEdits(id)) {
            return Optional.empty();
        }
        Map<String, Role> grants = new HashMap<>();
        for (GrantRecord grant : entities.createQuery("SELECT g FROM GrantRecord g WHERE g.documentId = :id",
                GrantRecord.class).setParameter("id", id).getResultList()) {
            grants.put(grant.grantee, Role.fromWire(grant.role));
        }
        return Optional.of(entry(id, row, grants));
    }

    private static DocumentEntry entry(String id, DocumentRecord row, Map<String, Role> grants) {
        return row == null ? new DocumentEntry(id, null, grants)
                : new DocumentEntry(id, row.owner, grants, row.title, row.deletedUtc == null ? null
                        : row.deletedUtc.toInstant(ZoneOffset.UTC));
    }

    @Override
    public void setTitle(String documentId, String title) {
        int changed = entities.createQuery("UPDATE DocumentRecord d SET d.title = :title WHERE d.id = :id")
                .setParameter("title", title).setParameter("id", documentId).executeUpdate();
        if (changed == 0) { // a document from before owners, or made where nobody signs in
            insertRecord(documentId, null, title);
        }
    }

    @Override
    public void setDeleted(String documentId, Instant when) {
        entities.createQuery("UPDATE DocumentRecord d SET d.deletedUtc = :when WHERE d.id = :id")
                .setParameter("when", when == null ? null : utc(when)).setParameter("id", documentId).executeUpdate();
    }

    @Override
    public List<String> deletedBefore(Instant when, int limit) {
        return entities.createQuery("SELECT d.id FROM DocumentRecord d WHERE d.deletedUtc < :when", String.class)
                .setParameter("when", utc(when)).setMaxResults(limit).getResultList();
    }

    @Override
    public void forget(String documentId) {
        entities.createQuery("DELETE FROM GrantRecord g WHERE g.documentId = :id").setParameter("id", documentId)
                .executeUpdate();
        entities.createQuery("DELETE FROM LinkRecord l WHERE l.documentId = :id").setParameter("id", documentId)
                .executeUpdate();
        entities.createQuery("DELETE FROM DocumentRecord d WHERE d.id = :id").setParameter("id", documentId)
                .executeUpdate();
    }

    @Override
    public List<DocumentEntry> documentsOf(String user, Set<String> groups, int limit) {
        Set<String> grantees = new HashSet<>(groups.stream().map(group -> DocumentEntry.GROUP + group).toList());
        grantees.add(user);
        grantees.add(DocumentEntry.EVERYONE);
        List<DocumentRecord> rows = entities.createQuery("SELECT d FROM DocumentRecord d WHERE d.owner = :user"
                + " OR (d.deletedUtc IS NULL AND (d.owner IS NULL OR d.id IN (SELECT g.documentId FROM GrantRecord g"
                + " WHERE g.grantee IN :grantees))) ORDER BY d.createdUtc DESC", DocumentRecord.class)
                .setParameter("user", user).setParameter("grantees", grantees).setMaxResults(limit).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Role>> grants = new HashMap<>();
        for (GrantRecord grant : entities.createQuery("SELECT g FROM GrantRecord g WHERE g.documentId IN :ids",
                GrantRecord.class).setParameter("ids", rows.stream().map(row -> row.id).toList()).getResultList()) {
            grants.computeIfAbsent(grant.documentId, id -> new HashMap<>()).put(grant.grantee, Role.fromWire(grant.role));
        }
        return rows.stream().map(row -> entry(row.id, row, grants.getOrDefault(row.id, Map.of()))).toList();
    }

    @Override
    public boolean createDocument(String id, String owner) {
        if (entities.find(DocumentRecord.class, id) != null || hasEdits(id)) {
            return false;
        }
        insertRecord(id, owner, null);
        entities.flush();
        return true;
    }

    @Override
    public void setOwner(String documentId, String owner) {
        int changed = entities.createQuery("UPDATE DocumentRecord d SET d.owner = :owner WHERE d.id = :id")
                .setParameter("owner", owner).setParameter("id", documentId).executeUpdate();
        if (changed == 0) { // a document from before owners gets its first
            insertRecord(documentId, owner, null);
        }
    }

    private void insertRecord(String id, String owner, String title) {
        DocumentRecord row = new DocumentRecord();
        row.id = id;
        row.owner = owner;
        row.title = title;
        row.createdUtc = utc(Instant.now());
        entities.persist(row);
    }

    private boolean hasEdits(String id) {
        return !entities.createNativeQuery("SELECT 1 FROM TANDEM_EDIT WHERE DOCUMENT_ID = ?1 AND REVISION = 1")
                .setParameter(1, id).getResultList().isEmpty();
    }

    @Override
    public void setGrant(String documentId, String grantee, Role role) {
        // queries, not fields set on entities: fields set from outside a woven entity go unnoticed
        int changed = role == null
                ? entities.createQuery("DELETE FROM GrantRecord g WHERE g.documentId = :document AND g.grantee = :grantee")
                        .setParameter("document", documentId).setParameter("grantee", grantee).executeUpdate()
                : entities.createQuery("UPDATE GrantRecord g SET g.role = :role WHERE g.documentId = :document"
                        + " AND g.grantee = :grantee").setParameter("role", role.wire())
                        .setParameter("document", documentId).setParameter("grantee", grantee).executeUpdate();
        if (role != null && changed == 0) {
            GrantRecord row = new GrantRecord();
            row.documentId = documentId;
            row.grantee = grantee;
            row.role = role.wire();
            entities.persist(row);
        }
    }

    @Override
    public Optional<ShareLink> linkByTokenHash(String tokenHash) {
        return Optional.ofNullable(entities.find(LinkRecord.class, tokenHash)).map(JpaAccessStore::link);
    }

    @Override
    public void addLink(ShareLink link, String tokenHash) {
        LinkRecord row = new LinkRecord();
        row.tokenHash = tokenHash;
        row.linkId = link.id();
        row.documentId = link.documentId();
        row.role = link.role().wire();
        row.expiresUtc = link.expires() == null ? null : utc(link.expires());
        row.createdBy = link.createdBy();
        row.createdUtc = utc(link.created());
        entities.persist(row);
    }

    @Override
    public boolean removeLink(String documentId, String linkId) {
        return entities.createQuery("DELETE FROM LinkRecord l WHERE l.documentId = :document AND l.linkId = :id")
                .setParameter("document", documentId).setParameter("id", linkId).executeUpdate() > 0;
    }

    @Override
    public List<ShareLink> links(String documentId) {
        return entities.createQuery("SELECT l FROM LinkRecord l WHERE l.documentId = :document ORDER BY l.createdUtc",
                LinkRecord.class).setParameter("document", documentId).getResultList().stream()
                .map(JpaAccessStore::link).toList();
    }

    private static ShareLink link(LinkRecord row) {
        return new ShareLink(row.linkId, row.documentId, Role.fromWire(row.role),
                row.expiresUtc == null ? null : row.expiresUtc.toInstant(ZoneOffset.UTC), row.createdBy,
                row.createdUtc.toInstant(ZoneOffset.UTC));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package dev.tandem.support.store;

import dev.tandem.access.AccessStore;
import dev.tandem.access.DocumentEntry;
import dev.tandem.access.Role;
import dev.tandem.access.ShareLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AccessStore} in memory, for tests of the service without a database. */
public final class InMemoryAccessStore implements AccessStore {
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Map<String, Role>> grants = new HashMap<>();
    private final Map<String, ShareLink> links = new HashMap<>();
    private final Map<String, String> titles = new HashMap<>();
    private final Map<String, Instant> deleted = new HashMap<>();

    @Override
    public String claimClient(String clientId, String holder) {
        return clients.computeIfAbsent(clientId, id -> holder);
    }

    @Override
    public synchronized Optional<DocumentEntry> document(String id) {
        return owners.containsKey(id)
                ? Optional.of(entry(id))
                : Optional.empty();
    }

    private DocumentEntry entry(String id) {
        return new DocumentEntry(id, owners.get(id), grants.getOrDefault(id, Map.of()), titles.get(id), deleted.get(id));
    }

    @Override
    public synchronized void setTitle(String documentId, String title) {
        owners.putIfAbsent(documentId, null);
        titles.put(documentId, title);
    }

    @Override
    public synchronized void setDeleted(String documentId, Instant when) {
        deleted.put(documentId, when);
    }

    @Override
    public synchronized List<String> deletedBefore(Instant when, int limit) {
        return deleted.entrySet().stream().filter(entry -> entry.getValue() != null && entry.getValue().isBefore(when))
                .map(Map.Entry::getKey).limit(limit).toList();
    }

    @Override
    public synchronized void forget(String documentId) {
        owners.remove(documentId);
        grants.remove(documentId);
        titles.remove(documentId);
        deleted.remove(documentId);
        links.values().removeIf(link -> link.documentId().equals(documentId));
    }

    @Override
    public synchronized List<DocumentEntry> documentsOf(String user, Set<String> groups, int limit) {
        List<DocumentEntry> of = new ArrayList<>();
        for (String id : owners.keySet()) {
            DocumentEntry entry = entry(id);
            boolean granted = entry.grants().containsKey(user) || entry.grants().containsKey(DocumentEntry.EVERYONE)
                    || groups.stream().anyMatch(group -> entry.grants().containsKey(DocumentEntry.GROUP + group));
            if (user.equals(entry.owner()) || (entry.deleted() == null && (entry.owner() == null || granted))) {
                of.add(entry);
            }
        }
        return of.stream().limit(limit).toList();
    }

    @Override
    public synchronized boolean createDocument(String id, String owner) {
        return owners.putIfAbsent(id, owner) == null && !owners.get(id).isEmpty();
    }

    @Override
    public synchronized void setOwner(String documentId, String owner) {
        owners.replace(documentId, owner);
    }

    @Override
    public synchronized void setGrant(String documentId, String grantee, Role role) {
        Map<String, Role> of = grants.computeIfAbsent(documentId, id -> new HashMap<>());
        if (role == null) {
            of.remove(grantee);
        } else {
            of.put(grantee, role);
        }
    }

    @Override
    public synchronized Optional<ShareLink> linkByTokenHash(String tokenHash) {
        return Optional.ofNullable(links.get(tokenHash));
    }

    @Override
    public synchronized void addLink(ShareLink link, String tokenHash) {
        links.put(tokenHash, link);
    }

    @Override
    public synchronized boolean removeLink(String documentId, String linkId) {
        return links.values().removeIf(link -> link.documentId().equals(documentId) && link.id().equals(linkId));
    }

    @Override
    public synchronized List<ShareLink> links(String documentId) {
        List<ShareLink> of = new ArrayList<>();
        for (ShareLink link : links.values()) {
            if (link.documentId().equals(documentId)) {
                of.add(link);
            }
        }
        return of;
    }
}

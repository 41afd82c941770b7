package dev.tandem.cluster;

import java.util.Collection;

/** Test support: which node of a cluster orders a document, as every node works it out. */
public final class Owners {
    private Owners() {
    }

    public static String of(String documentId, Collection<String> nodes) {
        return Rendezvous.owner(documentId, nodes);
    }
}

package dev.tandem.collab;

/** The most recent revisions of a document, in a ring of fixed capacity. */
final class History {
    private final Revision[] ring;
    private int first;
    private int size;
    private long latest;

    History(long latest, int capacity) {
        this.ring = new Revision[Math.max(capacity, 1)];
        this.latest = latest;
    }

    /** The document's current revision. */
    long latest() {
        return latest;
    }

    /** The oldest revision an edit may be based on: every later one is kept. */
    long oldest() {
        return latest - size;
    }

    void add(Revision revision) {
        if (revision.number() != latest + 1) {
            throw new IllegalStateException("revision " + revision.number() + " after " + latest);
        }
        if (size == ring.length) {
            ring[first] = null;
            first = (first + 1) % ring.length;
            size--;
        }
        ring[(first + size) % ring.length] = revision;
        size++;
        latest = revision.number();
    }

    /** Revision {@code number}, which must lie in ({@link #oldest()}, {@link #latest()}]. */
    Revision get(long number) {
        if (number <= oldest() || number > latest) {
            throw new IndexOutOfBoundsException("revision " + number + " is not kept");
        }
        return ring[(int) ((first + (number - oldest() - 1)) % ring.length)];
    }
}

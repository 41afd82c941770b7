package dev.tandem.collab;

/**
 * The most recent revisions of a document, in a ring of bounded capacity. The ring starts small
 * and doubles as revisions come, up to the capacity: a document that is open but quiet costs a
 * few dozen bytes here, not the whole window.
 */
final class History {
    private static final int INITIAL = 16;

    private final int capacity;
    private Revision[] ring;
    private int first;
    private int size;
    private long latest;

    History(long latest, int capacity) {
        this.capacity = Math.max(capacity, 1);
        this.ring = new Revision[Math.min(this.capacity, INITIAL)];
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
        if (size == ring.length && ring.length < capacity) {
            grow();
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

    private void grow() {
        Revision[] larger = new Revision[(int) Math.min(capacity, 2L * ring.length)];
        for (int i = 0; i < size; i++) {
            larger[i] = ring[(first + i) % ring.length];
        }
        ring = larger;
        first = 0;
    }

    /** Revision {@code number}, which must lie in ({@link #oldest()}, {@link #latest()}]. */
    Revision get(long number) {
        if (number <= oldest() || number > latest) {
            throw new IndexOutOfBoundsException("revision " + number + " is not kept");
        }
        return ring[(int) ((first + (number - oldest() - 1)) % ring.length)];
    }
}

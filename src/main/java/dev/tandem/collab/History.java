package dev.tandem.collab;

import dev.tandem.ot.Component;

/**
 * The most recent revisions of a document, in a ring bounded both in revisions and in the heap
 * their text takes (a thousand pastes weigh more than a thousand keystrokes). The ring starts
 * small and doubles as revisions come, up to the capacity: a document that is open but quiet
 * costs a few dozen bytes here, not the whole window.
 */
final class History {
    private static final int INITIAL = 16;
    /** What a revision weighs besides the text it inserts: its objects and arrays, roughly. */
    private static final long REVISION_OVERHEAD_BYTES = 96;

    private final int capacity;
    private final long maxBytes;
    private Revision[] ring;
    /** Each kept revision's {@link #weight}, at the same place as in {@link #ring}. */
    private long[] weights;
    private int first;
    private int size;
    private long latest;
    private long bytes;

    History(long latest, int capacity, long maxBytes) {
        this.capacity = Math.max(capacity, 1);
        this.maxBytes = maxBytes;
        this.ring = new Revision[Math.min(this.capacity, INITIAL)];
        this.weights = new long[ring.length];
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
            dropOldest();
        }
        int at = (first + size) % ring.length;
        ring[at] = revision;
        weights[at] = weight(revision);
        bytes += weights[at];
        size++;
        latest = revision.number();
        while (bytes > maxBytes && size > 1) {
            dropOldest();
        }
    }

    /** The heap this history holds, as counted. */
    long bytes() {
        return bytes;
    }

    private void dropOldest() {
        bytes -= weights[first];
        ring[first] = null;
        first = (first + 1) % ring.length;
        size--;
    }

    /** The heap a revision holds: the text it inserts (two bytes a character at most), and its objects. */
    static long weight(Revision revision) {
        long weight = REVISION_OVERHEAD_BYTES;
        for (Component component : revision.op().components()) {
            if (component instanceof Component.Insert insert) {
                weight += 2L * insert.text().utf16Length();
            }
        }
        return weight;
    }

    private void grow() {
        Revision[] larger = new Revision[(int) Math.min(capacity, 2L * ring.length)];
        long[] heavier = new long[larger.length];
        for (int i = 0; i < size; i++) {
            larger[i] = ring[(first + i) % ring.length];
            heavier[i] = weights[(first + i) % ring.length];
        }
        ring = larger;
        weights = heavier;
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

package dev.tandem.ot;

import dev.tandem.ot.Component.Delete;
import dev.tandem.ot.Component.Insert;
import dev.tandem.ot.Component.Retain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable edit of a whole text: a sequence of retain, insert and delete steps that together
 * cover the old text exactly. Lengths count Unicode code points.
 *
 * <p>Operations are built in a canonical form (neighbours of one kind merged, an insert always
 * before the delete at the same place, no empty steps), so two operations with the same effect
 * written the same way are {@link #equals equal}.
 *
 * <p>Stored as two parallel arrays rather than component objects, since transform and compose run
 * for every edit the server receives: {@code spans[i]} is {@code +n} to retain n code points,
 * {@code -n} to delete n, and {@code 0} to insert {@code texts[i]}.
 */
public final class TextOperation {

    private final int[] spans;
    private final Rope[] texts;
    private final int size;
    private final int baseLength;
    private final int targetLength;

    /** Takes the arrays as they are: only their first {@code size} entries count. */
    private TextOperation(int[] spans, Rope[] texts, int size, int baseLength, int targetLength) {
        this.spans = spans;
        this.texts = texts;
        this.size = size;
        this.baseLength = baseLength;
        this.targetLength = targetLength;
    }

    public static Builder builder() {
        return new Builder(4);
    }

    /** A builder with room for {@code capacity} components before it grows. */
    static Builder builder(int capacity) {
        return new Builder(Math.max(capacity, 1));
    }

    /** The operation that keeps a text of {@code length} code points as it is. */
    public static TextOperation identity(int length) {
        return builder().retain(length).build();
    }

    /**
     * The operation that, in a text of {@code baseLength} code points, replaces the {@code delete}
     * code points at {@code position} by {@code insert}: the shape of nearly every keystroke. Built
     * straight into exact-size arrays, with no builder.
     */
    static TextOperation edit(int position, Rope insert, int delete, int baseLength) {
        int after = baseLength - position - delete;
        int size = (position > 0 ? 1 : 0) + (insert.isEmpty() ? 0 : 1) + (delete > 0 ? 1 : 0) + (after > 0 ? 1 : 0);
        int[] spans = new int[size];
        Rope[] texts = new Rope[size];
        int i = 0;
        if (position > 0) {
            spans[i++] = position;
        }
        if (!insert.isEmpty()) {
            texts[i++] = insert;
        }
        if (delete > 0) {
            spans[i++] = -delete;
        }
        if (after > 0) {
            spans[i] = after;
        }
        return new TextOperation(spans, texts, size, baseLength, baseLength - delete + insert.length());
    }

    /**
     * Where this operation edits, if it edits one place only ({@code [retain] [insert] [delete]
     * [retain]} with an insert or a delete): that place; otherwise -1.
     */
    int singleSite() {
        int i = 0;
        int position = 0;
        if (i < size && spans[i] > 0) {
            position = spans[i++];
        }
        int edit = i;
        if (i < size && spans[i] == 0) {
            i++;
        }
        if (i < size && spans[i] < 0) {
            i++;
        }
        if (i < size && spans[i] > 0) {
            i++;
        }
        return i == size && (i > edit && spans[edit] <= 0) ? position : -1;
    }

    /** The text a single-site operation inserts (empty if none). */
    Rope singleSiteInsert() {
        for (int i = 0; i < size; i++) {
            if (spans[i] == 0) {
                return texts[i];
            }
        }
        return Rope.empty();
    }

    /** The number of code points a single-site operation deletes. */
    int singleSiteDelete() {
        for (int i = 0; i < size; i++) {
            if (spans[i] < 0) {
                return -spans[i];
            }
        }
        return 0;
    }

    /** The steps, in order. */
    public List<Component> components() {
        List<Component> components = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int span = spans[i];
            components.add(span > 0 ? new Retain(span) : span < 0 ? new Delete(-span) : new Insert(texts[i]));
        }
        return components;
    }

    int size() {
        return size;
    }

    /** {@code +n} retain, {@code -n} delete, {@code 0} insert of {@link #text(int)}. */
    int span(int index) {
        return spans[index];
    }

    Rope text(int index) {
        return texts[index];
    }

    /** Length of the text this operation applies to. */
    public int baseLength() {
        return baseLength;
    }

    /** Length of the text it produces. */
    public int targetLength() {
        return targetLength;
    }

    /** Whether applying it changes nothing. */
    public boolean isIdentity() {
        return size == 0 || size == 1 && spans[0] > 0;
    }

    /**
     * Applies this operation to {@code document}; the untouched parts are shared, not copied.
     *
     * @throws IllegalArgumentException if the document's length is not {@link #baseLength()}
     */
    public Rope apply(Rope document) {
        if (document.length() != baseLength) {
            throw new IllegalArgumentException("the operation applies to a text of " + baseLength
                    + " code points, but this text has " + document.length());
        }
        Rope result = document;
        int at = 0;
        for (int i = 0; i < size; i++) {
            int span = spans[i];
            if (span > 0) {
                at += span;
            } else if (span < 0) {
                result = result.replace(at, at - span, Rope.empty());
            } else {
                // canonical form puts a replaced range's delete right after its insert: one edit
                Rope text = texts[i];
                int removed = i + 1 < size && spans[i + 1] < 0 ? -spans[++i] : 0;
                result = result.replace(at, at + removed, text);
                at += text.length();
            }
        }
        return result;
    }

    /** {@link #apply(Rope)} for a plain string. */
    public String apply(String document) {
        return apply(Rope.of(document)).toString();
    }

    /** The operation that has the effect of this one followed by {@code next}. */
    public TextOperation compose(TextOperation next) {
        return Composer.compose(this, next);
    }

    /**
     * Transforms two concurrent operations on the same text so that each can follow the other:
     * {@code b'} after {@code a} gives the same text as {@code a'} after {@code b}. When both insert
     * at the same place, {@code a}'s text comes first.
     */
    public static TransformedPair transform(TextOperation a, TextOperation b) {
        return Transformer.transform(a, b);
    }

    /**
     * Where a position of the old text lands in the new one: a caret follows the text around it.
     * A caret inside deleted text moves to where the deletion was. Text inserted exactly at the caret
     * goes before it when {@code afterInsertsHere} (the author's own caret, which moves past what
     * it typed), after it otherwise (someone else's caret stays where it was).
     */
    public int transformPosition(int position, boolean afterInsertsHere) {
        if (position < 0 || position > baseLength) {
            throw new IndexOutOfBoundsException("position " + position + " is outside a text of "
                    + baseLength + " code points");
        }
        int base = 0;
        int target = 0;
        for (int i = 0; i < size; i++) {
            int span = spans[i];
            if (span > 0) {
                if (position < base + span) {
                    return target + position - base;
                }
                base += span;
                target += span;
            } else if (span < 0) {
                if (position < base - span) {
                    return target;
                }
                base -= span;
            } else if (position > base || afterInsertsHere) {
                target += texts[i].length();
            } else {
                return target;
            }
        }
        return target + position - base;
    }

    /** The operation that undoes this one, given the text this one was applied to. */
    public TextOperation invert(Rope document) {
        if (document.length() != baseLength) {
            throw new IllegalArgumentException("cannot invert: the operation applies to a text of "
                    + baseLength + " code points, but this text has " + document.length());
        }
        Builder inverse = builder();
        int at = 0;
        for (int i = 0; i < size; i++) {
            int span = spans[i];
            if (span > 0) {
                inverse.retain(span);
                at += span;
            } else if (span < 0) {
                inverse.insert(document.slice(at, at - span));
                at -= span;
            } else {
                inverse.delete(texts[i].length());
            }
        }
        return inverse.build();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof TextOperation other
                && other.baseLength == baseLength
                && other.targetLength == targetLength
                && Arrays.equals(other.spans, 0, other.size, spans, 0, size)
                && Arrays.equals(other.texts, 0, other.size, texts, 0, size);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + (spans[i] == 0 ? texts[i].hashCode() : spans[i]);
        }
        return hash;
    }

    /** The wire form, for people reading logs: {@code [5, "hi", -3, 10]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (spans[i] == 0) {
                out.append('"').append(texts[i]).append('"');
            } else {
                out.append(spans[i]);
            }
        }
        return out.append(']').toString();
    }

    /**
     * Builds an operation in canonical form; zero-length steps are ignored. The run since the last
     * retain is held open and written once, so merging neighbours allocates nothing.
     */
    public static final class Builder {
        private int[] spans;
        private Rope[] texts;
        private int size;
        /** Whether a built operation holds the arrays: the next change must copy them. */
        private boolean shared;
        private int baseLength;
        private int targetLength;
        // the open run: either a retain, or an insert and/or a delete at one place
        private int pendingRetain;
        private Rope pendingInsert = Rope.empty();
        private int pendingDelete;

        private Builder(int capacity) {
            spans = new int[capacity];
            texts = new Rope[capacity];
        }

        public Builder retain(int length) {
            checkNotNegative(length);
            if (length > 0) {
                baseLength = Math.addExact(baseLength, length);
                targetLength = Math.addExact(targetLength, length);
                flushEdit();
                pendingRetain += length;
            }
            return this;
        }

        public Builder insert(String text) {
            return insert(Rope.of(text));
        }

        public Builder insert(Rope text) {
            if (!text.isEmpty()) {
                targetLength = Math.addExact(targetLength, text.length());
                flushRetain();
                pendingInsert = pendingInsert.concat(text);
            }
            return this;
        }

        public Builder delete(int length) {
            checkNotNegative(length);
            if (length > 0) {
                baseLength = Math.addExact(baseLength, length);
                flushRetain();
                pendingDelete += length;
            }
            return this;
        }

        public TextOperation build() {
            flushRetain();
            flushEdit();
            shared = true;
            return new TextOperation(spans, texts, size, baseLength, targetLength);
        }

        private void flushRetain() {
            if (pendingRetain > 0) {
                add(pendingRetain, null);
                pendingRetain = 0;
            }
        }

        /** An insert goes before the delete at the same place: the canonical order. */
        private void flushEdit() {
            if (!pendingInsert.isEmpty()) {
                add(0, pendingInsert);
                pendingInsert = Rope.empty();
            }
            if (pendingDelete > 0) {
                add(-pendingDelete, null);
                pendingDelete = 0;
            }
        }

        private void add(int span, Rope text) {
            if (size == spans.length || shared) {
                spans = Arrays.copyOf(spans, Math.max(size * 2, 4));
                texts = Arrays.copyOf(texts, spans.length);
                shared = false;
            }
            spans[size] = span;
            texts[size++] = text;
        }

        private static void checkNotNegative(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("a length cannot be negative: " + length);
            }
        }
    }
}

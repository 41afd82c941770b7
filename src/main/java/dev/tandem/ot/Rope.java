package dev.tandem.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Immutable text indexed by Unicode code points.
 *
 * <p>A balanced (AVL) binary tree whose leaves hold short strings. Slicing, joining and replacing
 * cost O(log n) and share every untouched subtree with the original, so an edit never copies the
 * document, and an old version stays valid for as long as somebody holds it. Well-formed text only:
 * a lone surrogate is rejected when text enters a rope.
 */
public abstract sealed class Rope permits Rope.Leaf, Rope.Node {

    /** Longest leaf, in code points: long enough to keep the tree shallow, short enough to copy. */
    static final int MAX_LEAF = 512;

    private static final Leaf EMPTY = new Leaf("", 0);

    private Rope() {
    }

    /** The empty text. */
    public static Rope empty() {
        return EMPTY;
    }

    /**
     * The rope holding {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} holds a lone surrogate
     */
    public static Rope of(String text) {
        int codePoints = countCodePoints(text);
        if (codePoints <= MAX_LEAF) {
            return codePoints == 0 ? EMPTY : new Leaf(text, codePoints);
        }
        List<Rope> leaves = new ArrayList<>(codePoints / MAX_LEAF + 1);
        for (int start = 0, remaining = codePoints; remaining > 0; remaining -= MAX_LEAF) {
            int size = Math.min(MAX_LEAF, remaining);
            int end = text.offsetByCodePoints(start, size);
            leaves.add(new Leaf(text.substring(start, end), size));
            start = end;
        }
        return balanced(leaves, 0, leaves.size());
    }

    /** Length in Unicode code points. */
    public abstract int length();

    /** Length in UTF-16 code units, as {@link String#length()} would give. */
    public abstract int utf16Length();

    abstract int height();

    public final boolean isEmpty() {
        return length() == 0;
    }

    /** The code point at {@code index}. */
    public abstract int codePointAt(int index);

    /** The code points in {@code [start, end)}. */
    public final Rope slice(int start, int end) {
        checkRange(start, end);
        return sliceUnchecked(start, end);
    }

    abstract Rope sliceUnchecked(int start, int end);

    /** This text followed by {@code other}. */
    public final Rope concat(Rope other) {
        return join(this, other);
    }

    /** This text with the code points in {@code [start, end)} replaced by {@code text}. */
    public final Rope replace(int start, int end, Rope text) {
        checkRange(start, end);
        return replaceUnchecked(start, end, text);
    }

    abstract Rope replaceUnchecked(int start, int end, Rope text);

    /** Appends this text to {@code out}. */
    public abstract void appendTo(StringBuilder out);

    @Override
    public final String toString() {
        StringBuilder out = new StringBuilder(utf16Length());
        appendTo(out);
        return out.toString();
    }

    @Override
    public final boolean equals(Object o) {
        return o == this || o instanceof Rope other
                && other.length() == length()
                && other.utf16Length() == utf16Length()
                && other.toString().equals(toString());
    }

    @Override
    public final int hashCode() {
        return toString().hashCode();
    }

    private void checkRange(int start, int end) {
        if (start < 0 || end < start || end > length()) {
            throw new IndexOutOfBoundsException(
                    "range [" + start + ", " + end + ") is outside a text of " + length() + " code points");
        }
    }

    // ---- leaves -----------------------------------------------------------------------------

    static final class Leaf extends Rope {
        final String text;
        private final int codePoints;

        Leaf(String text, int codePoints) {
            this.text = text;
            this.codePoints = codePoints;
        }

        @Override
        public int length() {
            return codePoints;
        }

        @Override
        public int utf16Length() {
            return text.length();
        }

        @Override
        int height() {
            return 0;
        }

        /** UTF-16 offset of a code point index: free when the leaf holds no surrogate pair. */
        private int offset(int index) {
            return codePoints == text.length() ? index : text.offsetByCodePoints(0, index);
        }

        @Override
        public int codePointAt(int index) {
            if (index < 0 || index >= codePoints) {
                throw new IndexOutOfBoundsException(index);
            }
            return text.codePointAt(offset(index));
        }

        @Override
        Rope sliceUnchecked(int start, int end) {
            if (start == 0 && end == codePoints) {
                return this;
            }
            return start == end ? EMPTY : new Leaf(text.substring(offset(start), offset(end)), end - start);
        }

        @Override
        Rope replaceUnchecked(int start, int end, Rope insert) {
            int newLength = codePoints - (end - start) + insert.length();
            if (insert instanceof Leaf leaf && newLength <= MAX_LEAF) {
                if (newLength == 0) {
                    return EMPTY;
                }
                int from = offset(start);
                int to = offset(end);
                String spliced = new StringBuilder(text.length() - (to - from) + leaf.text.length())
                        .append(text, 0, from).append(leaf.text).append(text, to, text.length()).toString();
                return new Leaf(spliced, newLength);
            }
            return join(join(sliceUnchecked(0, start), insert), sliceUnchecked(end, codePoints));
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append(text);
        }
    }

    // ---- inner nodes ------------------------------------------------------------------------

    static final class Node extends Rope {
        final Rope left;
        final Rope right;
        private final int codePoints;
        private final int utf16Length;
        private final int height;

        Node(Rope left, Rope right) {
            this.left = left;
            this.right = right;
            this.codePoints = left.length() + right.length();
            this.utf16Length = left.utf16Length() + right.utf16Length();
            this.height = 1 + Math.max(left.height(), right.height());
        }

        @Override
        public int length() {
            return codePoints;
        }

        @Override
        public int utf16Length() {
            return utf16Length;
        }

        @Override
        int height() {
            return height;
        }

        @Override
        public int codePointAt(int index) {
            if (index < 0 || index >= codePoints) {
                throw new IndexOutOfBoundsException(index);
            }
            Rope at = this;
            while (at instanceof Node node) {
                int leftLength = node.left.length();
                if (index < leftLength) {
                    at = node.left;
                } else {
                    index -= leftLength;
                    at = node.right;
                }
            }
            return at.codePointAt(index);
        }

        @Override
        Rope sliceUnchecked(int start, int end) {
            if (start == 0 && end == codePoints) {
                return this;
            }
            int leftLength = left.length();
            if (end <= leftLength) {
                return left.sliceUnchecked(start, end);
            }
            if (start >= leftLength) {
                return right.sliceUnchecked(start - leftLength, end - leftLength);
            }
            return join(left.sliceUnchecked(start, leftLength), right.sliceUnchecked(0, end - leftLength));
        }

        @Override
        Rope replaceUnchecked(int start, int end, Rope insert) {
            int leftLength = left.length();
            if (end <= leftLength) {
                return join(left.replaceUnchecked(start, end, insert), right);
            }
            if (start >= leftLength) {
                return join(left, right.replaceUnchecked(start - leftLength, end - leftLength, insert));
            }
            Rope head = join(left.sliceUnchecked(0, start), insert);
            return join(head, right.sliceUnchecked(end - leftLength, right.length()));
        }

        @Override
        public void appendTo(StringBuilder out) {
            left.appendTo(out);
            right.appendTo(out);
        }
    }

    // ---- balancing --------------------------------------------------------------------------

    /** Concatenation that keeps the tree balanced; costs O(|height difference| + 1). */
    static Rope join(Rope left, Rope right) {
        if (left.isEmpty()) {
            return right;
        }
        if (right.isEmpty()) {
            return left;
        }
        if (right instanceof Leaf leaf && leaf.codePoints < MAX_LEAF) {
            Rope merged = mergeIntoLast(left, leaf);
            if (merged != null) {
                return merged;
            }
        }
        if (left instanceof Leaf leaf && leaf.codePoints < MAX_LEAF) {
            Rope merged = mergeIntoFirst(leaf, right);
            if (merged != null) {
                return merged;
            }
        }
        int difference = left.height() - right.height();
        if (difference > 1) {
            return joinRight((Node) left, right);
        }
        if (difference < -1) {
            return joinLeft(left, (Node) right);
        }
        return new Node(left, right);
    }

    /** {@code tree} with {@code leaf} appended to its last leaf, or null when that leaf is full. */
    private static Rope mergeIntoLast(Rope tree, Leaf leaf) {
        if (tree instanceof Node node) {
            Rope right = mergeIntoLast(node.right, leaf);
            return right == null ? null : new Node(node.left, right);
        }
        Leaf last = (Leaf) tree;
        return last.codePoints + leaf.codePoints > MAX_LEAF
                ? null
                : new Leaf(last.text.concat(leaf.text), last.codePoints + leaf.codePoints);
    }

    /** {@code tree} with {@code leaf} prepended to its first leaf, or null when that leaf is full. */
    private static Rope mergeIntoFirst(Leaf leaf, Rope tree) {
        if (tree instanceof Node node) {
            Rope left = mergeIntoFirst(leaf, node.left);
            return left == null ? null : new Node(left, node.right);
        }
        Leaf first = (Leaf) tree;
        return first.codePoints + leaf.codePoints > MAX_LEAF
                ? null
                : new Leaf(leaf.text.concat(first.text), first.codePoints + leaf.codePoints);
    }

    /** Joins a shorter {@code right} onto the right spine of a taller {@code left}. */
    private static Rope joinRight(Node left, Rope right) {
        Rope spine = left.right;
        Rope joined = spine.height() <= right.height() + 1
                ? new Node(spine, right)
                : joinRight((Node) spine, right);
        if (joined.height() <= left.left.height() + 1) {
            return new Node(left.left, joined);
        }
        // joined is two levels above left.left: one rotation (or two) restores the balance
        Node tall = (Node) joined;
        if (tall.left.height() > tall.right.height()) {
            tall = rotateRight(tall);
        }
        return rotateLeft(new Node(left.left, tall));
    }

    /** Mirror image of {@link #joinRight}. */
    private static Rope joinLeft(Rope left, Node right) {
        Rope spine = right.left;
        Rope joined = spine.height() <= left.height() + 1
                ? new Node(left, spine)
                : joinLeft(left, (Node) spine);
        if (joined.height() <= right.right.height() + 1) {
            return new Node(joined, right.right);
        }
        Node tall = (Node) joined;
        if (tall.right.height() > tall.left.height()) {
            tall = rotateLeft(tall);
        }
        return rotateRight(new Node(tall, right.right));
    }

    private static Node rotateLeft(Node node) {
        Node right = (Node) node.right;
        return new Node(new Node(node.left, right.left), right.right);
    }

    private static Node rotateRight(Node node) {
        Node left = (Node) node.left;
        return new Node(left.left, new Node(left.right, node.right));
    }

    private static Rope balanced(List<Rope> leaves, int from, int to) {
        if (to - from == 1) {
            return leaves.get(from);
        }
        int middle = (from + to) >>> 1;
        return new Node(balanced(leaves, from, middle), balanced(leaves, middle, to));
    }

    // ---- text helpers -----------------------------------------------------------------------

    /** Counts code points, rejecting lone surrogates. */
    static int countCodePoints(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++, count++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException(String.format(
                            "text holds a lone surrogate U+%04X at UTF-16 offset %d", (int) c, i));
                }
            }
        }
        return count;
    }

    /** Checks the balance and size invariants; for tests. */
    void checkInvariants() {
        if (this instanceof Node node) {
            if (Math.abs(node.left.height() - node.right.height()) > 1) {
                throw new AssertionError("unbalanced node: " + node.left.height() + " vs " + node.right.height());
            }
            if (node.left.isEmpty() || node.right.isEmpty()) {
                throw new AssertionError("empty child");
            }
            node.left.checkInvariants();
            node.right.checkInvariants();
        } else if (length() > MAX_LEAF) {
            throw new AssertionError("leaf of " + length() + " code points");
        }
    }
}

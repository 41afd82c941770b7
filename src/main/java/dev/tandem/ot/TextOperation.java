package dev.tandem.ot;

import dev.tandem.ot.Component.Delete;
import dev.tandem.ot.Component.Insert;
import dev.tandem.ot.Component.Retain;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable edit of a whole text: a sequence of retain, insert and delete steps that together
 * cover the old text exactly. Lengths count Unicode code points.
 *
 * <p>Operations are built in a canonical form (neighbours of one kind merged, an insert always
 * before the delete at the same place, no empty steps), so two operations with the same effect
 * written the same way are {@link #equals equal}.
 */
public final class TextOperation {

    private final Component[] components;
    private final int baseLength;
    private final int targetLength;

    private TextOperation(Component[] components, int baseLength, int targetLength) {
        this.components = components;
        this.baseLength = baseLength;
        this.targetLength = targetLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The operation that keeps a text of {@code length} code points as it is. */
    public static TextOperation identity(int length) {
        return builder().retain(length).build();
    }

    public List<Component> components() {
        return List.of(components);
    }

    int size() {
        return components.length;
    }

    Component component(int index) {
        return components[index];
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
        return components.length == 0 || components.length == 1 && components[0] instanceof Retain;
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
        for (int i = 0; i < components.length; i++) {
            Component component = components[i];
            if (component instanceof Retain retain) {
                at += retain.length();
            } else if (component instanceof Insert insert) {
                // canonical form puts a replaced range's delete right after its insert: one edit
                int removed = i + 1 < components.length && components[i + 1] instanceof Delete delete
                        ? components[++i].length() : 0;
                result = result.replace(at, at + removed, insert.text());
                at += insert.length();
            } else {
                result = result.replace(at, at + component.length(), Rope.empty());
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

    /** The operation that undoes this one, given the text this one was applied to. */
    public TextOperation invert(Rope document) {
        if (document.length() != baseLength) {
            throw new IllegalArgumentException("cannot invert: the operation applies to a text of "
                    + baseLength + " code points, but this text has " + document.length());
        }
        Builder inverse = builder();
        int at = 0;
        for (Component component : components) {
            if (component instanceof Retain retain) {
                inverse.retain(retain.length());
                at += retain.length();
            } else if (component instanceof Insert insert) {
                inverse.delete(insert.length());
            } else {
                inverse.insert(document.slice(at, at + component.length()));
                at += component.length();
            }
        }
        return inverse.build();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof TextOperation other
                && other.baseLength == baseLength
                && other.targetLength == targetLength
                && Arrays.equals(other.components, components);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(components);
    }

    /** The wire form, for people reading logs: {@code [5, "hi", -3, 10]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (Component component : components) {
            if (out.length() > 1) {
                out.append(", ");
            }
            if (component instanceof Insert insert) {
                out.append('"').append(insert.text()).append('"');
            } else {
                out.append(component instanceof Delete ? -component.length() : component.length());
            }
        }
        return out.append(']').toString();
    }

    /** Builds an operation in canonical form; zero-length steps are ignored. */
    public static final class Builder {
        private Component[] components = new Component[4];
        private int size;
        private int baseLength;
        private int targetLength;

        private Builder() {
        }

        public Builder retain(int length) {
            checkNotNegative(length);
            if (length > 0) {
                baseLength = Math.addExact(baseLength, length);
                targetLength = Math.addExact(targetLength, length);
                if (last() instanceof Retain retain) {
                    components[size - 1] = new Retain(retain.length() + length);
                } else {
                    add(new Retain(length));
                }
            }
            return this;
        }

        public Builder insert(String text) {
            return insert(Rope.of(text));
        }

        public Builder insert(Rope text) {
            if (text.isEmpty()) {
                return this;
            }
            targetLength = Math.addExact(targetLength, text.length());
            Component last = last();
            if (last instanceof Insert insert) {
                components[size - 1] = new Insert(insert.text().concat(text));
            } else if (last instanceof Delete) {
                // an insert goes before the delete at the same place
                if (size >= 2 && components[size - 2] instanceof Insert insert) {
                    components[size - 2] = new Insert(insert.text().concat(text));
                } else {
                    add(last);
                    components[size - 2] = new Insert(text);
                }
            } else {
                add(new Insert(text));
            }
            return this;
        }

        public Builder delete(int length) {
            checkNotNegative(length);
            if (length > 0) {
                baseLength = Math.addExact(baseLength, length);
                if (last() instanceof Delete delete) {
                    components[size - 1] = new Delete(delete.length() + length);
                } else {
                    add(new Delete(length));
                }
            }
            return this;
        }

        public TextOperation build() {
            return new TextOperation(Arrays.copyOf(components, size), baseLength, targetLength);
        }

        private Component last() {
            return size == 0 ? null : components[size - 1];
        }

        private void add(Component component) {
            if (size == components.length) {
                components = Arrays.copyOf(components, size * 2);
            }
            components[size++] = component;
        }

        private static void checkNotNegative(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("a length cannot be negative: " + length);
            }
        }
    }
}

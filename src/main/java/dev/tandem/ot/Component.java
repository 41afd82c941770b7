package dev.tandem.ot;

/**
 * One step of a {@link TextOperation}: keep, insert or remove text. Lengths count code points.
 */
public sealed interface Component permits Component.Retain, Component.Insert, Component.Delete {

    /** Code points this step covers: of the old text for retain and delete, of the new for insert. */
    int length();

    /** Keeps {@code length} code points of the old text. */
    record Retain(int length) implements Component {
        public Retain {
            requirePositive(length, "retain");
        }
    }

    /** Inserts {@code text}. */
    record Insert(Rope text) implements Component {
        public Insert {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("an insert needs text");
            }
        }

        @Override
        public int length() {
            return text.length();
        }
    }

    /** Removes {@code length} code points of the old text. */
    record Delete(int length) implements Component {
        public Delete {
            requirePositive(length, "delete");
        }
    }

    private static void requirePositive(int length, String kind) {
        if (length <= 0) {
            throw new IllegalArgumentException("a " + kind + " needs a positive length, not " + length);
        }
    }
}

package dev.tandem.ot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of an operation, as ot.js writes it: a JSON array in which a positive integer
 * retains, a string inserts and a negative integer deletes, e.g. {@code [5, "hi", -3, 10]}.
 * Lengths count code points. This class works on the array already decoded into Java values
 * ({@link Number}s and {@link String}s); reading JSON text is the protocol layer's job.
 */
public final class WireForm {
    private WireForm() {
    }

    /** The wire form of {@code operation}: Integers and Strings. */
    public static List<Object> format(TextOperation operation) {
        List<Object> out = new ArrayList<>(operation.size());
        // straight from the spans: this runs once for every broadcast edit
        for (int i = 0; i < operation.size(); i++) {
            int span = operation.span(i);
            out.add(span == 0 ? operation.text(i).toString() : (Object) span);
        }
        return out;
    }

    /**
     * Reads an operation and checks that it spans exactly a document of {@code documentLength} code
     * points.
     *
     * @throws MalformedOperationException if it is malformed or does not fit the document
     */
    public static TextOperation parse(List<?> wire, int documentLength) {
        TextOperation operation = parse(wire);
        if (operation.baseLength() > documentLength) {
            throw new MalformedOperationException("the operation retains or deletes past the end of the document: it spans "
                    + operation.baseLength() + " code points, the document has " + documentLength);
        }
        if (operation.baseLength() < documentLength) {
            throw new MalformedOperationException("the operation must span the whole document: it spans "
                    + operation.baseLength() + " code points, the document has " + documentLength);
        }
        return operation;
    }

    /**
     * Reads an operation.
     *
     * @throws MalformedOperationException if any component is not a non-zero integer or a
     *     non-empty well-formed string, or the lengths overflow
     */
    public static TextOperation parse(List<?> wire) {
        if (wire == null) {
            throw new MalformedOperationException("an operation must be an array, not null");
        }
        TextOperation.Builder builder = TextOperation.builder();
        long baseLength = 0;
        long targetLength = 0;
        for (int i = 0; i < wire.size(); i++) {
            Object item = wire.get(i);
            if (item instanceof String text) {
                if (text.isEmpty()) {
                    throw malformed(i, "an insert cannot be empty");
                }
                Rope rope;
                try {
                    rope = Rope.of(text);
                } catch (IllegalArgumentException e) {
                    throw malformed(i, e.getMessage());
                }
                targetLength += rope.length();
                builder.insert(rope);
            } else if (item instanceof Number number) {
                long length = integral(i, number);
                if (length == 0) {
                    throw malformed(i, "a retain or delete cannot be zero");
                }
                baseLength += Math.abs(length);
                if (length > 0) {
                    targetLength += length;
                }
                if (baseLength > Integer.MAX_VALUE || targetLength > Integer.MAX_VALUE) {
                    throw malformed(i, "the operation is longer than " + Integer.MAX_VALUE + " code points");
                }
                if (length > 0) {
                    builder.retain((int) length);
                } else {
                    builder.delete((int) -length);
                }
            } else {
                throw malformed(i, "expected a non-zero integer or a non-empty string, found "
                        + (item == null ? "null" : describe(item)));
            }
        }
        return builder.build();
    }

    /** A component's length, at most {@link Integer#MAX_VALUE} either way (so that its absolute value is one too). */
    private static long integral(int index, Number number) {
        long value;
        if (number instanceof Integer || number instanceof Long
                || number instanceof Short || number instanceof Byte) {
            value = number.longValue();
        } else {
            try {
                BigDecimal exact = number instanceof BigDecimal decimal ? decimal
                        : number instanceof BigInteger integer ? new BigDecimal(integer)
                        : new BigDecimal(number.toString());
                value = exact.longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw malformed(index, number + " is not an integer in range");
            }
        }
        if (value > Integer.MAX_VALUE || value < -Integer.MAX_VALUE) {
            throw malformed(index, number + " is not an integer in range");
        }
        return value;
    }

    private static String describe(Object item) {
        if (item instanceof Boolean) {
            return "a boolean";
        }
        if (item instanceof List || item.getClass().isArray()) {
            return "an array";
        }
        if (item instanceof java.util.Map) {
            return "an object";
        }
        return "a " + item.getClass().getSimpleName();
    }

    private static MalformedOperationException malformed(int index, String problem) {
        return new MalformedOperationException("operation component " + index + ": " + problem);
    }
}

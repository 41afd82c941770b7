package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormTest {

    private static String rejection(List<?> wire) {
        return assertThrows(MalformedOperationException.class, () -> WireForm.parse(wire)).getMessage();
    }

    @Test
    void roundTripsTheOtJsForm() {
        List<Object> wire = List.of(5, "hi", -3, 10);
        TextOperation operation = WireForm.parse(wire);
        assertEquals(wire, WireForm.format(operation));
        assertEquals(18, operation.baseLength());
        assertEquals(17, operation.targetLength());
    }

    @Test
    void acceptsTheNumberTypesJsonParsersProduce() {
        TextOperation expected = WireForm.parse(List.of(5, "x", -2));
        assertEquals(expected, WireForm.parse(List.of(5L, "x", new BigDecimal("-2"))));
        assertEquals(expected, WireForm.parse(List.of(BigInteger.valueOf(5), "x", -2.0)));
    }

    @Test
    void canonicalisesWhatItReads() {
        assertEquals(WireForm.parse(List.of(5, "ab", -3)), WireForm.parse(List.of(2, 3, -1, "a", -2, "b")));
    }

    @Test
    void rejectsMalformedComponentsSayingWhichAndWhy() {
        assertEquals("operation component 1: a retain or delete cannot be zero", rejection(List.of(3, 0)));
        assertEquals("operation component 0: an insert cannot be empty", rejection(List.of("", 3)));
        assertEquals("operation component 1: expected a non-zero integer or a non-empty string, found a boolean",
                rejection(List.of(1, true)));
        assertEquals("operation component 0: expected a non-zero integer or a non-empty string, found null",
                rejection(Arrays.asList((Object) null)));
        assertEquals("operation component 2: expected a non-zero integer or a non-empty string, found an array",
                rejection(List.of(1, "a", List.of(1))));
        assertEquals("operation component 0: expected a non-zero integer or a non-empty string, found an object",
                rejection(List.of(Map.of("retain", 1))));
        assertEquals("operation component 0: 1.5 is not an integer in range", rejection(List.of(1.5)));
        assertEquals("operation component 1: 1E+30 is not an integer in range",
                rejection(List.of(1, new BigDecimal("1E+30"))));
        assertEquals("an operation must be an array, not null",
                assertThrows(MalformedOperationException.class, () -> WireForm.parse(null)).getMessage());
    }

    @Test
    void rejectsLengthsBeyondAnyDocument() {
        assertEquals("operation component 1: the operation is longer than 2147483647 code points",
                rejection(List.of(Integer.MAX_VALUE, -1)));
    }

    @Test
    void rejectsLoneSurrogatesInInserts() {
        assertEquals("operation component 1: text holds a lone surrogate U+D83D at UTF-16 offset 1",
                rejection(List.of(2, "a\uD83D")));
    }

    @Test
    void checksTheOperationSpansTheDocument() {
        assertEquals("the operation retains or deletes past the end of the document: it spans 6 code points, "
                        + "the document has 5",
                assertThrows(MalformedOperationException.class,
                        () -> WireForm.parse(List.of(3, -3), 5)).getMessage());
        assertEquals("the operation must span the whole document: it spans 4 code points, the document has 5",
                assertThrows(MalformedOperationException.class,
                        () -> WireForm.parse(List.of(4, "x"), 5)).getMessage());
        assertEquals(5, WireForm.parse(List.of(5, "x"), 5).baseLength());
    }
}

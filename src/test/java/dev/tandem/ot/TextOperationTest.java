package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.Component.Delete;
import dev.tandem.ot.Component.Insert;
import dev.tandem.ot.Component.Retain;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextOperationTest {

    private static TextOperation op(Object... wire) {
        return WireForm.parse(List.of(wire));
    }

    @Test
    void builderMergesNeighboursAndPutsInsertBeforeDelete() {
        TextOperation built = TextOperation.builder()
                .retain(2).retain(3).delete(1).insert("h").delete(2).insert("i").retain(0).insert("").retain(4)
                .build();
        assertEquals(List.of(new Retain(5), new Insert(Rope.of("hi")), new Delete(3), new Retain(4)),
                built.components());
        assertEquals(12, built.baseLength());
        assertEquals(11, built.targetLength());
        assertEquals("[5, \"hi\", -3, 4]", built.toString());
    }

    @Test
    void appliesToText() {
        assertEquals("Hello, world!", op(7, -5, "world", 1).apply("Hello, there!"));
        assertEquals("", op(-3).apply("abc"));
        assertEquals("abc", TextOperation.identity(3).apply("abc"));
    }

    @Test
    void refusesATextOfTheWrongLength() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> op(3, "x").apply("ab"));
        assertEquals("the operation applies to a text of 3 code points, but this text has 2", error.getMessage());
    }

    @Test
    void transformOrdersConcurrentInsertsAtOnePlaceByArgument() {
        TextOperation a = op(1, "A", 1);
        TextOperation b = op(1, "B", 1);
        TransformedPair pair = TextOperation.transform(a, b);
        assertEquals("xABy", pair.aPrime().apply(b.apply("xy")));
        assertEquals("xABy", pair.bPrime().apply(a.apply("xy")));
    }

    @Test
    void transformOfOverlappingDeletesRemovesTheTextOnce() {
        TextOperation a = op(1, -3, 1);   // abcde -> ae
        TextOperation b = op(2, -3);      // abcde -> ab
        TransformedPair pair = TextOperation.transform(a, b);
        assertEquals("a", pair.aPrime().apply(b.apply("abcde")));
        assertEquals("a", pair.bPrime().apply(a.apply("abcde")));
        assertEquals(op(1, -1), pair.aPrime());
        assertEquals(op(1, -1), pair.bPrime());
    }

    @Test
    void composeMergesTwoEdits() {
        TextOperation typed = op(3, "def");          // abc -> abcdef
        TextOperation erased = op(2, -2, "X", 2);    // abcdef -> abXef
        TextOperation both = typed.compose(erased);
        assertEquals(op(2, "X", -1, "ef"), both);
        assertEquals("abXef", both.apply("abc"));
    }

    @Test
    void invertUndoes() {
        Rope text = Rope.of("Hello, there!");
        TextOperation edit = op(7, -5, "world", 1);
        TextOperation undo = edit.invert(text);
        assertEquals(op(7, "there", -5, 1), undo);
        assertEquals(text, undo.apply(edit.apply(text)));
    }

    @Test
    void mismatchedLengthsAreRefusedWithAReason() {
        IllegalArgumentException compose = assertThrows(IllegalArgumentException.class,
                () -> op(2, "x").compose(op(2)));
        assertEquals("cannot compose: the first operation yields 3 code points, the second applies to 2",
                compose.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextOperation.transform(op(2), op(3)));
        assertThrows(IllegalArgumentException.class, () -> op(2).invert(Rope.of("abc")));
    }

    @Test
    void identityIsRecognised() {
        assertTrue(TextOperation.identity(0).isIdentity());
        assertTrue(op(4).isIdentity());
        assertTrue(!op(4, "x").isIdentity());
    }

    @Test
    void positionsFollowTheTextAroundThem() {
        TextOperation edit = op(2, "XY", -2, 3);      // abcdefg -> abXYefg
        assertEquals(1, edit.transformPosition(1, false));
        assertEquals(2, edit.transformPosition(2, false)); // another's caret stays before the insert
        assertEquals(4, edit.transformPosition(2, true));  // the author's caret moves past it
        assertEquals(4, edit.transformPosition(3, false)); // inside the deleted text: where it was
        assertEquals(4, edit.transformPosition(4, false));
        assertEquals(7, edit.transformPosition(7, false));
        assertThrows(IndexOutOfBoundsException.class, () -> edit.transformPosition(8, false));
    }
}

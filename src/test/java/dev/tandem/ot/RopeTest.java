package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RopeTest {

    /** One random edit: replace [start, end) (scaled to the text) by some text. */
    record Edit(double start, double span, String text) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> text = Arbitraries.oneOf(
                RandomEdits.texts(4),
                RandomEdits.texts(4).map(piece -> piece.repeat(300)));
        return Combinators.combine(
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 0.5),
                text
        ).as(Edit::new).list().ofMaxSize(60);
    }

    @Property(tries = 500)
    void editsMatchAPlainStringModel(@ForAll("edits") List<Edit> edits) {
        Rope rope = Rope.empty();
        StringBuilder model = new StringBuilder();
        for (Edit edit : edits) {
            int length = model.codePointCount(0, model.length());
            int start = (int) (edit.start() * length);
            int end = Math.min(length, start + (int) (edit.span() * length));
            rope = rope.replace(start, end, Rope.of(edit.text()));
            model.replace(model.offsetByCodePoints(0, start), model.offsetByCodePoints(0, end), edit.text());

            rope.checkInvariants();
            assertEquals(model.toString(), rope.toString());
            assertEquals(model.codePointCount(0, model.length()), rope.length());
            assertEquals(model.length(), rope.utf16Length());
        }
    }

    @Property(tries = 500)
    void slicesAndJoinsMatchSubstrings(@ForAll("edits") List<Edit> pieces) {
        String text = pieces.stream().map(Edit::text).reduce("", String::concat);
        Rope rope = pieces.stream().map(piece -> Rope.of(piece.text())).reduce(Rope.empty(), Rope::concat);
        rope.checkInvariants();
        assertEquals(text, rope.toString());
        int length = rope.length();
        for (Edit piece : pieces) {
            int start = (int) (piece.start() * length);
            int end = Math.min(length, start + (int) (piece.span() * length));
            Rope slice = rope.slice(start, end);
            slice.checkInvariants();
            assertEquals(text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end)),
                    slice.toString());
            assertEquals(rope, rope.slice(0, start).concat(slice).concat(rope.slice(end, length)));
        }
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        Rope rope = Rope.of("a😀e\u0301👩\u200D👧");
        assertEquals(7, rope.length());
        assertEquals(10, rope.utf16Length());
        assertEquals(0x1F600, rope.codePointAt(1));
        assertEquals(0x0301, rope.codePointAt(3));
        assertEquals("😀e", rope.slice(1, 3).toString());
    }

    @Test
    void rejectsLoneSurrogates() {
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> Rope.of("ab\uD83D"));
        assertTrue(high.getMessage().contains("U+D83D"), high.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rope.of("\uDE00x"));
        assertThrows(IllegalArgumentException.class, () -> Rope.of("\uDE00\uD83D"));
    }

    @Test
    void rejectsRangesOutsideTheText() {
        Rope rope = Rope.of("abc");
        assertThrows(IndexOutOfBoundsException.class, () -> rope.slice(2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> rope.slice(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> rope.replace(-1, 0, Rope.empty()));
        assertThrows(IndexOutOfBoundsException.class, () -> rope.codePointAt(3));
    }

    @Test
    void aKeystrokeInALongDocumentCopiesNoMoreThanOneLeafPath() {
        Rope document = Rope.of("0123456789".repeat(10_000));
        Rope edited = document.replace(50_000, 50_001, Rope.of("x"));

        assertEquals('x', edited.codePointAt(50_000));
        Set<Rope> before = leaves(document);
        Set<Rope> after = leaves(edited);
        after.removeAll(before);
        // one leaf rewritten (two at a leaf boundary); the other ~200 are shared with the old version
        assertTrue(after.size() <= 2, after.size() + " new leaves");
        assertTrue(before.size() >= 100);
    }

    @Test
    void sharesTheUntouchedHalfOfTheTree() {
        Rope.Node document = (Rope.Node) Rope.of("x".repeat(100_000));
        Rope.Node edited = (Rope.Node) document.replace(99_000, 99_010, Rope.of("edited"));
        assertSame(document.left, edited.left);
    }

    private static Set<Rope> leaves(Rope rope) {
        Set<Rope> leaves = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(rope, leaves);
        return leaves;
    }

    private static void collect(Rope rope, Set<Rope> into) {
        if (rope instanceof Rope.Node node) {
            collect(node.left, into);
            collect(node.right, into);
        } else {
            into.add(rope);
        }
    }
}

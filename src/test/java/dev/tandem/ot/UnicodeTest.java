package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions and lengths count code points, as the protocol says, whatever the script. */
class UnicodeTest {

    @Test
    void emojiOutsideTheBmpCountOnce() {
        // 😀 is one code point but two UTF-16 units: retain 1 keeps it whole
        assertEquals("😀!x", WireForm.parse(List.of(1, "!", 1)).apply("😀x"));
        assertEquals("x", WireForm.parse(List.of(-1, 1)).apply("😀x"));
    }

    @Test
    void combiningMarksAreCodePointsOfTheirOwn() {
        String decomposed = "e\u0301";  // é as e + combining acute accent: two code points
        assertEquals("e", WireForm.parse(List.of(1, -1)).apply(decomposed));
        assertEquals("e\u0300\u0301", WireForm.parse(List.of(1, "\u0300", 1)).apply(decomposed));
    }

    @Test
    void zeroWidthJoinerSequencesAreSeveralCodePoints() {
        String family = "👩\u200D👩\u200D👧";  // one glyph, five code points, eight UTF-16 units
        assertEquals(5, Rope.of(family).length());
        assertEquals("👩\u200D👩", WireForm.parse(List.of(3, -2)).apply(family));
    }

    @Test
    void concurrentEditsAroundEmojiConverge() {
        String text = "🇫🇷 ok 😀";
        TextOperation a = WireForm.parse(List.of(2, "👍", 5));       // after the flag (two regional indicators)
        TextOperation b = WireForm.parse(List.of(6, "🎉", -1));      // replace 😀
        TransformedPair pair = TextOperation.transform(a, b);
        String expected = "🇫🇷👍 ok 🎉";
        assertEquals(expected, pair.aPrime().apply(b.apply(text)));
        assertEquals(expected, pair.bPrime().apply(a.apply(text)));
    }

    @Test
    void invertRestoresSupplementaryCharacters() {
        Rope text = Rope.of("a𝔸😀b");
        TextOperation edit = WireForm.parse(List.of(1, -2, "c", 1));
        assertEquals("acb", edit.apply(text).toString());
        assertEquals(text, edit.invert(text).apply(edit.apply(text)));
    }
}

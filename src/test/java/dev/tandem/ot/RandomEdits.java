package dev.tandem.ot;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for property tests: texts drawn from letters, newlines, accented and combining
 * characters, emoji and emoji sequences; operations as length-agnostic plans that fit any text.
 */
final class RandomEdits {
    private RandomEdits() {
    }

    /** Pieces of text, each one or more code points, some outside the Basic Multilingual Plane. */
    static final List<String> PIECES = List.of(
            "a", "b", "c", " ", "\n", "é", "e\u0301", "中", "😀", "👩\u200D👩\u200D👧", "🇫🇷", "𝔸");

    static Arbitrary<String> texts(int maxPieces) {
        return Arbitraries.of(PIECES).list().ofMaxSize(maxPieces).map(pieces -> String.join("", pieces));
    }

    /** One step of a plan: keep or remove up to {@code size} code points, or insert {@code text}. */
    record Step(Kind kind, int size, String text) {
    }

    enum Kind { RETAIN, DELETE, INSERT }

    static Arbitrary<List<Step>> plans() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(1, 6),
                texts(3).filter(text -> !text.isEmpty())
        ).as(Step::new);
        return step.list().ofMaxSize(8);
    }

    /** The operation a plan describes on a text of {@code length} code points. */
    static TextOperation realize(List<Step> plan, int length) {
        TextOperation.Builder builder = TextOperation.builder();
        int at = 0;
        for (Step step : plan) {
            int span = Math.min(step.size(), length - at);
            switch (step.kind()) {
                case RETAIN -> builder.retain(span);
                case DELETE -> builder.delete(span);
                case INSERT -> builder.insert(step.text());
            }
            if (step.kind() != Kind.INSERT) {
                at += span;
            }
        }
        return builder.retain(length - at).build();
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}

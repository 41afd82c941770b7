package dev.tandem.ot;

import static dev.tandem.ot.RandomEdits.length;
import static dev.tandem.ot.RandomEdits.realize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.Component.Delete;
import dev.tandem.ot.Component.Insert;
import dev.tandem.ot.RandomEdits.Step;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The laws of the algebra, each checked on thousands of random texts and operations. */
class OperationPropertiesTest {

    private static final int TRIES = 2000;

    @Provide
    Arbitrary<String> text() {
        return RandomEdits.texts(12);
    }

    @Provide
    Arbitrary<List<Step>> plan() {
        return RandomEdits.plans();
    }

    @Property(tries = TRIES)
    void transformedOperationsConverge(@ForAll("text") String text,
                                       @ForAll("plan") List<Step> planA, @ForAll("plan") List<Step> planB) {
        TextOperation a = realize(planA, length(text));
        TextOperation b = realize(planB, length(text));
        TransformedPair pair = TextOperation.transform(a, b);

        assertEquals(pair.aPrime().apply(b.apply(text)), pair.bPrime().apply(a.apply(text)));
        assertEquals(b.targetLength(), pair.aPrime().baseLength());
        assertEquals(a.targetLength(), pair.bPrime().baseLength());
        assertEquals(a.compose(pair.bPrime()), b.compose(pair.aPrime()));
    }

    @Property(tries = TRIES * 5)
    void keystrokeShortcutAgreesWithTheGeneralTransform(@ForAll("text") String text,
                                                        @ForAll("keystroke") Keystroke x, @ForAll("keystroke") Keystroke y) {
        int length = length(text);
        TextOperation a = x.on(length);
        TextOperation b = y.on(length);
        TransformedPair shortcut = Transformer.transformSingleSites(a, b);
        if (shortcut != null) {
            assertEquals(Transformer.transformGeneral(a, b), shortcut);
        }
        assertEquals(Transformer.transformGeneral(a, b), TextOperation.transform(a, b));
    }

    /** An edit at one place: position and deleted span as fractions of the text, inserted text. */
    record Keystroke(double at, int deleted, String inserted) {
        TextOperation on(int length) {
            int position = (int) (at * length);
            int delete = Math.min(deleted, length - position);
            return TextOperation.builder().retain(position).insert(inserted).delete(delete)
                    .retain(length - position - delete).build();
        }
    }

    @Provide
    Arbitrary<Keystroke> keystroke() {
        return Combinators.combine(
                Arbitraries.of(0.0, 0.25, 0.5, 0.75, 1.0).edgeCases(config -> { }),
                Arbitraries.integers().between(0, 3),
                RandomEdits.texts(2)
        ).as(Keystroke::new);
    }

    @Property(tries = TRIES)
    void transformingAgainstIdentityChangesNothing(@ForAll("text") String text, @ForAll("plan") List<Step> plan) {
        TextOperation a = realize(plan, length(text));
        TransformedPair pair = TextOperation.transform(a, TextOperation.identity(length(text)));
        assertEquals(a, pair.aPrime());
        assertTrue(pair.bPrime().isIdentity());
    }

    @Property(tries = TRIES)
    void compositionPreservesApplication(@ForAll("text") String text,
                                         @ForAll("plan") List<Step> planA, @ForAll("plan") List<Step> planB) {
        TextOperation a = realize(planA, length(text));
        TextOperation b = realize(planB, a.targetLength());
        TextOperation ab = a.compose(b);

        assertEquals(b.apply(a.apply(text)), ab.apply(text));
        assertEquals(a.baseLength(), ab.baseLength());
        assertEquals(b.targetLength(), ab.targetLength());
    }

    @Property(tries = TRIES)
    void compositionIsAssociative(@ForAll("text") String text, @ForAll("plan") List<Step> planA,
                                  @ForAll("plan") List<Step> planB, @ForAll("plan") List<Step> planC) {
        TextOperation a = realize(planA, length(text));
        TextOperation b = realize(planB, a.targetLength());
        TextOperation c = realize(planC, b.targetLength());
        assertEquals(a.compose(b).compose(c), a.compose(b.compose(c)));
    }

    @Property(tries = TRIES)
    void aPendingEditAndItsBufferConvergeWithTheServer(@ForAll("text") String text, @ForAll("plan") List<Step> planA,
                                                      @ForAll("plan") List<Step> planB, @ForAll("plan") List<Step> planS) {
        // a client has sent a and buffered b while the server applied s: each side transforms in turn
        TextOperation a = realize(planA, length(text));
        TextOperation b = realize(planB, a.targetLength());
        TextOperation s = realize(planS, length(text));
        TransformedPair first = TextOperation.transform(a, s);
        TransformedPair second = TextOperation.transform(b, first.bPrime());
        String atServer = second.aPrime().apply(first.aPrime().apply(s.apply(text)));
        String atClient = second.bPrime().apply(b.apply(a.apply(text)));
        assertEquals(atServer, atClient);
    }

    @Property(tries = TRIES)
    void inversionUndoes(@ForAll("text") String text, @ForAll("plan") List<Step> plan) {
        TextOperation a = realize(plan, length(text));
        Rope before = Rope.of(text);
        Rope after = a.apply(before);
        TextOperation inverse = a.invert(before);

        assertEquals(text, inverse.apply(after).toString());
        assertEquals(a, inverse.invert(after));
        assertEquals(text, a.compose(inverse).apply(text));
    }

    @Property(tries = TRIES)
    void lengthsMatchTheTexts(@ForAll("text") String text, @ForAll("plan") List<Step> plan) {
        TextOperation a = realize(plan, length(text));
        String result = a.apply(text);
        assertEquals(length(text), a.baseLength());
        assertEquals(length(result), a.targetLength());
        assertEquals(length(result), a.apply(Rope.of(text)).length());
    }

    @Property(tries = TRIES)
    void operationsAreCanonical(@ForAll("text") String text, @ForAll("plan") List<Step> plan) {
        TextOperation a = realize(plan, length(text));
        List<Component> components = a.components();
        for (int i = 1; i < components.size(); i++) {
            Component previous = components.get(i - 1);
            Component current = components.get(i);
            assertFalse(previous.getClass() == current.getClass(), "neighbours of one kind in " + a);
            assertFalse(previous instanceof Delete && current instanceof Insert, "delete before insert in " + a);
        }
        assertEquals(a, WireForm.parse(WireForm.format(a), length(text)));
        assertEquals(a.hashCode(), WireForm.parse(WireForm.format(a)).hashCode());
    }

    @Property(tries = TRIES)
    void insertAndDeleteAtOnePlaceCommute(@ForAll("text") String prefix, @ForAll("text") String inserted,
                                          @ForAll("text") String removed) {
        int size = length(removed);
        TextOperation deleteFirst = TextOperation.builder().retain(length(prefix)).delete(size).insert(inserted).build();
        TextOperation insertFirst = TextOperation.builder().retain(length(prefix)).insert(inserted).delete(size).build();
        assertEquals(insertFirst, deleteFirst);
        assertEquals(prefix + inserted, insertFirst.apply(prefix + removed));
    }

    @Property(tries = TRIES)
    void positionsMoveLikeTextTypedThere(@ForAll("text") String text, @ForAll("plan") List<Step> plan,
                                       @ForAll("fraction") double where) {
        TextOperation a = realize(plan, length(text));
        int position = (int) (where * length(text));
        int moved = a.transformPosition(position, false);
        String after = a.apply(text);
        // where a marker typed at the caret, concurrently with the edit, ends up
        TextOperation marker = TextOperation.builder()
                .retain(position).insert("\u0000").retain(length(text) - position).build();
        String marked = TextOperation.transform(marker, a).aPrime().apply(after);
        assertEquals(marked.codePointCount(0, marked.indexOf('\u0000')), moved);
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }
}

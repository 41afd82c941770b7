package dev.tandem.transport.longpoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A long-polling session's frames: numbered, sent again until acknowledged, never twice after. */
class FrameWindowTest {
    private final FrameWindow window = new FrameWindow();

    @Test
    void answersWithNothingNumberedZeroAtFirst() {
        assertFalse(window.hasFrame());
        assertNull(window.acknowledge(0));
        assertEquals("{\"seq\":0,\"messages\":[]}", window.answer(null).toJson());
    }

    @Test
    void aFrameStaysUntilAPollAcknowledgesItsNumber() {
        Consumer<Throwable> first = failure -> { };
        window.put("{\"n\":1}", first);
        assertTrue(window.hasFrame());
        assertEquals("{\"seq\":1,\"messages\":[{\"n\":1}]}", window.answer(null).toJson());

        // the answer was lost: a poll that still says 0 gets the same frame, with the same number
        assertNull(window.acknowledge(0));
        assertEquals("{\"seq\":1,\"messages\":[{\"n\":1}]}", window.answer(null).toJson());

        assertSame(first, window.acknowledge(1));
        assertFalse(window.hasFrame());
        assertNull(window.acknowledge(1), "acknowledged once");
        assertEquals("{\"seq\":1,\"messages\":[]}", window.answer(null).toJson(), "nothing new, the same number");

        Consumer<Throwable> second = failure -> { };
        window.put("[{\"n\":2},{\"n\":3}]", second);
        assertEquals("{\"seq\":2,\"messages\":[{\"n\":2},{\"n\":3}]}", window.answer(null).toJson());
        assertNull(window.acknowledge(1), "a late poll that acknowledges an older frame");
        assertSame(second, window.acknowledge(7), "a number past the last one covers it");
    }
}

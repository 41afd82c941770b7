package dev.tandem.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What hostile clients send: every such message is refused with its documented code, and reading
 * never fails otherwise, whatever the text. {@link HostileCases} lists the cases; the container
 * test runs the same table over both transports.
 */
class HostileMessagesTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void everyHostileCaseIsRefusedWithItsCode() {
        for (HostileCases.Case hostile : HostileCases.ALL) {
            ProtocolException refused = assertThrows(ProtocolException.class, () -> readWithin(hostile.message()),
                    hostile.name());
            assertEquals(hostile.code(), refused.code().wire(), hostile.name() + ": " + refused.getMessage());
            assertFalse(refused.getMessage().isBlank());
        }
    }

    @Test
    void wellFormedMessagesWithFieldsInAnyOrderAndUnknownKeysAreRead() throws ProtocolException {
        assertEquals(new ClientMessage.Edit(3, 4, dev.tandem.ot.WireForm.parse(List.of(1, "x"))),
                codec.decode("{\"seq\":4,\"future\":{\"a\":[1,{\"b\":2}]},\"op\":[1,\"x\"],\"type\":\"edit\",\"revision\":3}"));
        assertEquals(new ClientMessage.Join("c", null, null, null),
                codec.decode("{\"type\":\"join\",\"clientId\":\"c\",\"name\":null,\"color\":null,\"lastSeenRevision\":null}"));
        assertEquals(new ClientMessage.Selection(2, List.of()), codec.decode("{\"type\":\"selection\",\"revision\":2,\"ranges\":null}"));
        assertEquals(new ClientMessage.Leave(), codec.decode(" {\"type\":\"leave\",\"why\":\"done\"} \n"));
    }

    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<String> valid = Arbitraries.of(
                "{\"type\":\"join\",\"clientId\":\"ada\",\"name\":\"Ada\",\"color\":\"#4363d8\",\"lastSeenRevision\":42}",
                "{\"type\":\"edit\",\"revision\":42,\"seq\":7,\"op\":[5,\"hi\",-3,10]}",
                "{\"type\":\"selection\",\"revision\":43,\"ranges\":[{\"anchor\":3,\"head\":7}]}",
                "{\"type\":\"leave\"}");
        Arbitrary<String> noise = Arbitraries.strings().withChars("{}[]\",:-.0123456789eE+ \\ntrufalsy\u0000é😀").ofMaxLength(12);
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 200);
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 6);
        return Combinators.combine(valid, noise, where, cut).as((message, inserted, at, removed) -> {
            int from = Math.min(at, message.length());
            int to = Math.min(message.length(), from + removed);
            return message.substring(0, from) + inserted + message.substring(to);
        });
    }

    /** Mutations of valid messages: read, or refused with a code and a reason; nothing else ever. */
    @Property(tries = 5000)
    void aMangledMessageIsReadOrRefusedNeverAnythingElse(@ForAll("mangled") String text) {
        assertReadOrRefused(text);
    }

    /** Any text at all. */
    @Property(tries = 3000)
    void anyTextIsReadOrRefusedNeverAnythingElse(@ForAll String text) {
        assertReadOrRefused(text);
    }

    private void assertReadOrRefused(String text) {
        try {
            assertNotNull(readWithin(text));
        } catch (ProtocolException refused) {
            assertNotNull(refused.code());
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), text);
        }
        for (String message : assertTimeoutPreemptively(LONG_ENOUGH, () -> codec.split(text), text)) { // as long polling reads a request
            try {
                assertNotNull(readWithin(message));
            } catch (ProtocolException refused) {
                assertNotNull(refused.code());
            }
        }
    }

    /** Reading never holds the thread: some parsers' skipping never ends on text that ends inside a value. */
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(5);

    private ClientMessage readWithin(String text) throws ProtocolException {
        try {
            return assertTimeoutPreemptively(LONG_ENOUGH, () -> {
                try {
                    return codec.decode(text);
                } catch (ProtocolException refused) {
                    throw new IllegalStateException(refused);
                }
            }, text);
        } catch (IllegalStateException refused) {
            if (refused.getCause() instanceof ProtocolException protocol) {
                throw protocol;
            }
            throw refused;
        }
    }
}

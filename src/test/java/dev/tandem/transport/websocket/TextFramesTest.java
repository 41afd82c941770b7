package dev.tandem.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextFramesTest {

    /** The payload length the header announces, and where the payload starts (RFC 6455 section 5.2). */
    private static long[] header(byte[] frame) {
        int first = frame[1] & 0x7F;
        if (first < 126) {
            return new long[] {first, 2};
        }
        if (first == 126) {
            return new long[] {((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF), 4};
        }
        long length = 0;
        for (int i = 2; i < 10; i++) {
            length = (length << 8) | (frame[i] & 0xFF);
        }
        return new long[] {length, 10};
    }

    @Test
    void aWholeUnmaskedTextFrameWithTheShortestLengthThatFits() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            String text = "a".repeat(length);
            byte[] frame = TextFrames.build(text);
            assertEquals(0x81, frame[0] & 0xFF, "FIN and opcode 1 (text)");
            assertEquals(0, frame[1] & 0x80, "a server's frames are not masked");
            long[] header = header(frame);
            assertEquals(length, header[0]);
            assertEquals(length < 126 ? 2 : length <= 65_535 ? 4 : 10, header[1]);
            assertEquals(header[1] + length, frame.length);
        }
    }

    @Test
    void thePayloadIsTheTextInUtf8() {
        String text = "naïve 日本 👩‍💻";
        byte[] frame = TextFrames.build(text);
        long[] header = header(frame);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(frame, (int) header[1], frame.length));
    }

    @Test
    void textWithALoneSurrogateIsNotFramedRatherThanFalsified() {
        assertNull(TextFrames.build("a\uD800b"));
        assertNull(TextFrames.build("end\uD83D"));
        assertNull(TextFrames.of("\uDC00start"));
    }

    @Test
    void theSameTextAgainOnOneThreadIsTheSameFrame() {
        byte[] first = TextFrames.of(new String("{\"type\":\"ack\"}"));
        assertSame(first, TextFrames.of(new String("{\"type\":\"ack\"}")));
        assertNotSame(first, TextFrames.of("{\"type\":\"ack\",\"revision\":2}"));
        String large = "b".repeat(TextFrames.KEPT_CHARS + 1);
        assertNotSame(TextFrames.of(large), TextFrames.of(large), "a large frame is not kept");
    }
}

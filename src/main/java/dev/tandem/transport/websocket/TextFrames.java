package dev.tandem.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A text message as the bytes of one whole, unmasked RFC 6455 frame, as a server sends it.
 *
 * <p>The frame last built on each thread is kept: a store write releases the same broadcast to
 * every other participant of the document, one after another on one thread, so all but the first
 * of them cost a comparison of the text instead of an encoding and a framing. Only frames of up
 * to {@value #KEPT_CHARS} characters are kept, so that no thread holds a large one. The kept pair
 * is of JDK types only: a container's thread keeps no class of the application alive.
 */
final class TextFrames {
    static final int KEPT_CHARS = 16 * 1024;
    private static final int FIN_TEXT = 0x81;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;

    private static final ThreadLocal<Map.Entry<String, byte[]>> LAST = new ThreadLocal<>();

    private TextFrames() {
    }

    /** The frame that carries {@code text}, or null if the text holds a lone surrogate (it is not Unicode text). */
    static byte[] of(String text) {
        Map.Entry<String, byte[]> last = LAST.get();
        if (last != null && last.getKey().equals(text)) {
            return last.getValue();
        }
        byte[] frame = build(text);
        if (frame != null && text.length() <= KEPT_CHARS) {
            LAST.set(Map.entry(text, frame));
        }
        return frame;
    }

    /** {@link #of} without the thread's memory. */
    static byte[] build(String text) {
        if (hasLoneSurrogate(text)) {
            return null; // String.getBytes would put a '?' in its place: falsified text
        }
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int header = length < LENGTH_16 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) FIN_TEXT;
        if (length < LENGTH_16) {
            frame[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            frame[1] = LENGTH_16;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = LENGTH_64;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}

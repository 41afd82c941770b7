package dev.tandem.metrics;

import java.util.function.LongSupplier;

/**
 * What Tandem counts and measures for the people who run it: called directly where things happen
 * (no interceptors on the paths every frame takes), and the one place that names a metrics
 * library, so that moving to another (OpenTelemetry) changes one implementation. Transports are
 * named {@link #WEBSOCKET} and {@link #LONG_POLLING}. Every method is cheap and never throws.
 */
public interface Meters {
    String WEBSOCKET = "websocket";
    String LONG_POLLING = "long-polling";

    /** Counts and measures nothing: servers without MicroProfile Metrics, and tests. */
    Meters NONE = new Meters() {
        @Override
        public void applied() {
        }

        @Override
        public void acknowledged(long nanos) {
        }

        @Override
        public void committed(long nanos) {
        }

        @Override
        public void commitFailed() {
        }

        @Override
        public void sent(String transport, long bytes) {
        }

        @Override
        public void cutOff(String transport) {
        }

        @Override
        public void refused(String code) {
        }

        @Override
        public void gauge(String name, String description, String transport, LongSupplier value) {
        }
    };

    /** The connections open over {@code transport}, as {@code open} counts them. */
    default void connections(String transport, LongSupplier open) {
        gauge("tandem.connections", "connections open to this server (WebSocket, long-polling sessions)", transport,
                open);
    }

    /** An edit was applied to a document (the rate of these is the edits per second). */
    void applied();

    /** An applied edit is stored, so its acknowledgement may leave, {@code nanos} after it was applied. */
    void acknowledged(long nanos);

    /** One write to the store (a transaction, with every document's edits that waited) took {@code nanos}. */
    void committed(long nanos);

    /** A write to the store failed (it may be tried again). */
    void commitFailed();

    /** A frame of {@code bytes} (UTF-8) left for a client over {@code transport}. */
    void sent(String transport, long bytes);

    /** A client over {@code transport} fell too far behind and was cut off (it reconnects). */
    void cutOff(String transport);

    /** A client's message was refused with the error {@code code} (docs/protocol.md). */
    void refused(String code);

    /**
     * A figure read when the metrics are: {@code name}, for {@code transport} if not null (one
     * figure per transport), as {@code value} says.
     */
    void gauge(String name, String description, String transport, LongSupplier value);

    /** The UTF-8 length of {@code text}, without encoding it. */
    static long utf8Length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // 2 bytes below U+0800, else 3; a surrogate pair is 4 in all, 2 per char
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }
}

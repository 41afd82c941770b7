package dev.tandem.protocol;

/** The envelope of the protocol's messages over plain HTTP (docs/protocol.md, "Long polling"). */
public final class LongPolling {
    /** The request header that names the session: a header, so that it stays out of access logs. */
    public static final String SESSION_HEADER = "Tandem-Session";

    private LongPolling() {
    }

    /** {@code {"session": "..."}}: the answer that starts a session. */
    public record SessionStarted(String session) {
        public String toJson() {
            return "{\"session\":" + quoted(session) + "}";
        }
    }

    /** How a session ends: the close code and reason a WebSocket would have. */
    public record Close(CloseCode code, String reason) {
    }

    /**
     * A poll's answer: frame number {@code seq}, the messages of {@code frame} (one encoded
     * message or a JSON array of them; null for none), and {@code close} if the session ends.
     */
    public record Answer(long seq, String frame, Close close) {

        /** An answer that ends a session before any frame: after a refused request, or for one that is over. */
        public static Answer closing(CloseCode code, String reason) {
            return new Answer(0, null, new Close(code, reason));
        }

        /** {@code {"seq": n, "messages": [...], "close": {"code": c, "reason": "..."}}}, without close if none. */
        public String toJson() {
            StringBuilder json = new StringBuilder(64 + (frame == null ? 0 : frame.length()));
            json.append("{\"seq\":").append(seq).append(",\"messages\":");
            if (frame == null) {
                json.append("[]");
            } else if (frame.startsWith("[")) {
                json.append(frame);
            } else {
                json.append('[').append(frame).append(']');
            }
            if (close != null) {
                json.append(",\"close\":{\"code\":").append(close.code().code()).append(",\"reason\":")
                        .append(quoted(close.reason() == null ? "" : close.reason())).append('}');
            }
            return json.append('}').toString();
        }
    }

    private static String quoted(String text) {
        return JsonProviderHolder.PROVIDER.createValue(text).toString();
    }
}

package dev.tandem.protocol;

/** The stable codes of {@link ServerMessage.Error}; docs/protocol.md says when each is sent. */
public enum ErrorCode {
    MALFORMED_MESSAGE("malformed-message"),
    UNKNOWN_TYPE("unknown-type"),
    BAD_OPERATION("bad-operation"),
    REVISION_IN_FUTURE("revision-in-future"),
    REVISION_TOO_OLD("revision-too-old"),
    STALE_EDIT("stale-edit"),
    NOT_JOINED("not-joined"),
    ALREADY_JOINED("already-joined"),
    MESSAGE_TOO_LARGE("message-too-large", CloseCode.TOO_BIG),
    DOCUMENT_TOO_LARGE("document-too-large"),
    RATE_LIMITED("rate-limited"),
    DOCUMENT_FULL("document-full", CloseCode.TRY_AGAIN_LATER),
    UNAVAILABLE("unavailable", CloseCode.TRY_AGAIN_LATER),
    TOO_MANY_CONNECTIONS("too-many-connections", CloseCode.TRY_AGAIN_LATER),
    FORBIDDEN("forbidden", CloseCode.ACCESS),
    CLIENT_ID_TAKEN("client-id-taken", CloseCode.ACCESS);

    private final String wire;
    private final CloseCode closeCode;

    ErrorCode(String wire) {
        this(wire, CloseCode.POLICY);
    }

    ErrorCode(String wire, CloseCode closeCode) {
        this.wire = wire;
        this.closeCode = closeCode;
    }

    /** The code as it appears in messages. */
    public String wire() {
        return wire;
    }

    /** How the connection closes after this error, when it is fatal. */
    public CloseCode closeCode() {
        return closeCode;
    }
}

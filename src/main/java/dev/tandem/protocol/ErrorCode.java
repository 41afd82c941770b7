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
    MESSAGE_TOO_LARGE("message-too-large"),
    DOCUMENT_TOO_LARGE("document-too-large"),
    RATE_LIMITED("rate-limited"),
    TOO_SLOW("too-slow"),
    DOCUMENT_FULL("document-full"),
    INTERNAL("internal-error");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears in messages. */
    public String wire() {
        return wire;
    }
}

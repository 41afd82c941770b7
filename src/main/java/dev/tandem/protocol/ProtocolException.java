package dev.tandem.protocol;

/** A message the server refuses; becomes an error message to its sender. */
public class ProtocolException extends Exception {
    private final ErrorCode code;
    private final boolean fatal;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, false);
    }

    public ProtocolException(ErrorCode code, String message, boolean fatal) {
        super(message, null, false, false);
        this.code = code;
        this.fatal = fatal;
    }

    public ErrorCode code() {
        return code;
    }

    /** Whether the connection closes after the error is sent. */
    public boolean fatal() {
        return fatal;
    }

    public ServerMessage.Error toMessage() {
        return new ServerMessage.Error(code.wire(), getMessage(), fatal);
    }
}

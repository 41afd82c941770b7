package dev.tandem.ot;

/** An operation in wire form that cannot be read; the message says what is wrong and where. */
public final class MalformedOperationException extends IllegalArgumentException {
    public MalformedOperationException(String message) {
        super(message);
    }
}

package dev.tandem.protocol;

/**
 * One client message as text, with the kind its top-level {@code type} names (null if none that
 * is known), found before the message is read.
 */
public record MessageText(String text, Class<? extends ClientMessage> kind) {
}

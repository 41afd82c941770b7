package dev.tandem.ot;

/**
 * The result of {@link TextOperation#transform}: {@code aPrime} is {@code a} rewritten to follow
 * {@code b}, and {@code bPrime} is {@code b} rewritten to follow {@code a}.
 */
public record TransformedPair(TextOperation aPrime, TextOperation bPrime) {
}

package dev.tandem.collab;

import java.util.List;
import java.util.regex.Pattern;

/** Participant colours: the client's choice when it is a plain {@code #rrggbb}, else one from a palette. */
final class Colors {
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final List<String> PALETTE = List.of(
            "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46a0a0", "#f032e6", "#9a6324",
            "#800000", "#808000", "#000075", "#e6a100");

    private Colors() {
    }

    static String choose(String requested, String clientId) {
        return requested != null && HEX.matcher(requested).matches()
                ? requested
                : PALETTE.get(Math.floorMod(clientId.hashCode(), PALETTE.size()));
    }
}

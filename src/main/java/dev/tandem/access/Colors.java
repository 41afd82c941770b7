package dev.tandem.access;

import java.util.List;

/** Participant colours, from who someone is: the same person has the same colour everywhere. */
final class Colors {
    private static final List<String> PALETTE = List.of(
            "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46a0a0", "#f032e6", "#9a6324",
            "#800000", "#808000", "#000075", "#e6a100");

    private Colors() {
    }

    static String of(String who) {
        return PALETTE.get(Math.floorMod(who.hashCode(), PALETTE.size()));
    }
}

package dev.tandem.access;

import java.util.List;
import java.util.Set;

/**
 * Participant colours, from who someone is: the same person starts with the same colour
 * everywhere, and a document gives a newcomer another one if someone there has it already.
 */
public final class Colors {
    private static final List<String> PALETTE = List.of(
            "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46a0a0", "#f032e6", "#9a6324",
            "#17becf", "#808000", "#7f7f7f", "#e6a100");

    private Colors() {
    }

    static String of(String who) {
        return PALETTE.get(Math.floorMod(who.hashCode(), PALETTE.size()));
    }

    /** {@code preferred} if nobody has it, else the first colour of the palette nobody has (if any is left). */
    public static String distinct(String preferred, Set<String> taken) {
        if (!taken.contains(preferred)) {
            return preferred;
        }
        return PALETTE.stream().filter(color -> !taken.contains(color)).findFirst().orElse(preferred);
    }
}

package dev.tandem.protocol;

import java.util.List;

/** Someone in a document, as the others see them. */
public record Peer(String clientId, String name, String color, List<Range> selection) {
}

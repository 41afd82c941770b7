package dev.tandem.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every node picks the same owner; documents spread evenly; a node that goes moves only its own. */
class RendezvousTest {
    private static final List<String> NODES = List.of("6b1c2f60-node-a", "0f4e9d11-node-b", "c3a87e52-node-c");

    private static Map<String, String> owners(List<String> nodes, int documents) {
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < documents; i++) {
            owners.put("doc-" + i, Rendezvous.owner("doc-" + i, nodes));
        }
        return owners;
    }

    @Test
    void theOrderOfTheMembersDoesNotMatter() {
        List<String> reversed = new ArrayList<>(NODES);
        java.util.Collections.reverse(reversed);
        assertEquals(owners(NODES, 1000), owners(reversed, 1000));
    }

    @Test
    void documentsSpreadEvenly() {
        Map<String, Long> perNode = new HashMap<>();
        owners(NODES, 30_000).values().forEach(node -> perNode.merge(node, 1L, Long::sum));
        for (String node : NODES) {
            assertTrue(Math.abs(perNode.get(node) - 10_000) < 600, perNode.toString());
        }
    }

    @Test
    void aNodeThatGoesMovesOnlyTheDocumentsItOwned() {
        Map<String, String> before = owners(NODES, 3000);
        Map<String, String> after = owners(NODES.subList(0, 2), 3000);
        before.forEach((document, owner) -> {
            if (!owner.equals(NODES.get(2))) {
                assertEquals(owner, after.get(document), document);
            }
        });
    }

    @Test
    void nobodyOwnsWithoutNodes() {
        assertNull(Rendezvous.owner("doc", List.of()));
    }
}

package dev.tandem.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Which node owns a key: the one that scores highest for it (rendezvous hashing). Every node that
 * sees the same members picks the same owner; when a node comes or goes, only the keys it wins or
 * held move, about one in the number of nodes. Pure.
 */
final class Rendezvous {
    private Rendezvous() {
    }

    /** The owner of {@code key} among {@code nodes}, or null if there are none. */
    static String owner(String key, Collection<String> nodes) {
        String best = null;
        long bestScore = 0;
        for (String node : nodes) {
            long score = score(node, key);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && node.compareTo(best) < 0)) {
                best = node;
                bestScore = score;
            }
        }
        return best;
    }

    /** A 64-bit FNV-1a hash of node and key, mixed (SplitMix64's finaliser) so that similar names score apart. */
    private static long score(String node, String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (node + '\n' + key).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}

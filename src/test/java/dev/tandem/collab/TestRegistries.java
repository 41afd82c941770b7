package dev.tandem.collab;

import dev.tandem.access.Access;
import dev.tandem.access.AccessMode;
import dev.tandem.store.DocumentStore;
import dev.tandem.support.store.InMemoryAccessStore;
import dev.tandem.support.store.InMemoryChatStore;
import java.time.Clock;
import dev.tandem.support.PlainThreads;
import java.time.Duration;

/** Test support: a registry set up as the container would, on a store and limits of the test's choosing. */
public final class TestRegistries {
    private TestRegistries() {
    }

    /** The limits of a server configured with none (the defaults of {@link LimitsFromConfig}). */
    public static Limits defaultLimits() {
        return TestLimits.defaults().build();
    }

    /** A started registry where everyone edits every document (link mode); {@link #stop} it when done. */
    public static DocumentRegistry start(DocumentStore store, Limits limits) {
        return start(store, limits, new Access(AccessMode.LINK, new InMemoryAccessStore(), Clock.systemUTC()));
    }

    /** A started registry that lets people in as {@code access} decides. */
    public static DocumentRegistry start(DocumentStore store, Limits limits, Access access) {
        return start(store, limits, access, Grid.SINGLE);
    }

    /** A started registry, one node of {@code grid}'s cluster, where everyone edits every document. */
    static DocumentRegistry start(DocumentStore store, Limits limits, Grid grid) {
        return start(store, limits, new Access(AccessMode.LINK, new InMemoryAccessStore(), Clock.systemUTC()), grid);
    }

    private static DocumentRegistry start(DocumentStore store, Limits limits, Access access, Grid grid) {
        DocumentRegistry registry = new DocumentRegistry();
        registry.store = store;
        registry.chats = new InMemoryChatStore();
        registry.limits = limits;
        registry.access = access;
        registry.grid = grid;
        registry.threads = new PlainThreads("tandem-registry");
        registry.start();
        return registry;
    }

    public static void stop(DocumentRegistry registry) {
        registry.stop();
    }
}

package dev.tandem.bench;

import dev.tandem.cluster.Owners;
import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.support.client.ClientCodec;
import dev.tandem.support.client.LongPollLink;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSocketLink;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * Opens {@code clients} WebSocket clients over {@code documents} documents of a running server;
 * each types {@code edits} random one-character edits, waiting for the ack of each before the
 * next, as a person's editor would, at most {@code rate} edits per second if given. Then checks
 * that every copy of each document is the same and prints throughput and latencies. Run it with
 * {@code mvn test-compile exec:exec@load} (see docs/benchmarks.md); settings are system properties.
 */
public final class LoadTool {
    private static final ClientCodec CODEC = new ClientCodec();
    /**
     * Messages already read, by their text: the clients of a document all receive the same
     * broadcasts and read each only once, as people on machines of their own would, instead of
     * the tool spending most of its time reading the same text for each of them. Emptied now and then.
     */
    private final Map<String, ServerMessage> readMessages = new ConcurrentHashMap<>();

    /** One address, or several (comma-separated: the nodes of a cluster), which the clients take in turn. */
    private final List<String> urls = List.of(System.getProperty("url", "ws://localhost:8080/ws/docs/").split(","));
    /** The cluster's node ids, in the order of {@link #urls}, to tell acks on the document's owner from forwarded ones. */
    private final List<String> nodeIds = System.getProperty("nodes", "").isBlank() ? List.of()
            : List.of(System.getProperty("nodes").split(","));
    private final String origin = System.getProperty("origin", "http://localhost:8080");
    private final int clients = Integer.getInteger("clients", 50);
    private final int documents = Integer.getInteger("documents", 1);
    private final int edits = Integer.getInteger("edits", 200);
    /** The server's process id, or the nodes' (comma-separated): their CPU time is added up, and shown each. */
    private final List<String> serverPids = System.getProperty("server.pid", "").isBlank() ? List.of()
            : List.of(System.getProperty("server.pid").split(","));
    private final String serverPid = serverPids.isEmpty() ? "" : serverPids.get(0);
    /** Seconds to keep every connection open after typing, to measure idle participants. */
    private final int hold = Integer.getInteger("hold", 0);
    /** Clients that join at once before waiting for their welcomes. */
    private final int joinWave = Integer.getInteger("wave", 250);
    /** Edits per second each client types at most (0: the next as soon as the last is acknowledged). */
    private final double rate = Double.parseDouble(System.getProperty("rate", "0"));
    /** websocket, longpoll, or mixed (every other client on long polling). */
    private final String transport = System.getProperty("transport", "websocket");
    private final String prefix = "load-" + Long.toString(System.nanoTime(), 36) + "-";

    /** One HTTP client for every long-polling person, started as the first one is made. */
    private HttpClient longPollHttp;

    /**
     * When each edit was sent, by client index and seq, for broadcast latency: looked up for every
     * message every client receives, so an array, not a map keyed by strings.
     */
    private final AtomicLongArray[] sentAt;
    private final long[] ackNanos;
    private final AtomicLong ackCount = new AtomicLong();
    /** Acks of clients connected to the node that orders their document, and of the others. */
    private final long[] ownerAckNanos;
    private final AtomicLong ownerAckCount = new AtomicLong();
    private final long[] forwardedAckNanos;
    private final AtomicLong forwardedAckCount = new AtomicLong();
    private final long[] ownerBroadcastNanos;
    private final AtomicLong ownerBroadcastCount = new AtomicLong();
    private final long[] forwardedBroadcastNanos;
    private final AtomicLong forwardedBroadcastCount = new AtomicLong();
    private final long[] broadcastNanos;
    private final AtomicLong broadcastCount = new AtomicLong();
    /** Broadcast latency as seen by receivers on long polling and on WebSocket, for mixed runs. */
    private final long[] longPollBroadcastNanos;
    private final AtomicLong longPollBroadcastCount = new AtomicLong();
    private final long[] webSocketBroadcastNanos;
    private final AtomicLong webSocketBroadcastCount = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong charsReceived = new AtomicLong();

    private LoadTool() {
        ackNanos = new long[clients * edits];
        ownerAckNanos = new long[clients * edits];
        forwardedAckNanos = new long[clients * edits];
        sentAt = new AtomicLongArray[clients];
        broadcastNanos = new long[Math.min(20_000_000, clients * edits * Math.max(1, clients / documents))];
        longPollBroadcastNanos = new long[broadcastNanos.length];
        webSocketBroadcastNanos = new long[broadcastNanos.length];
        ownerBroadcastNanos = new long[nodeIds.isEmpty() ? 0 : broadcastNanos.length];
        forwardedBroadcastNanos = new long[nodeIds.isEmpty() ? 0 : broadcastNanos.length];
    }

    /** One simulated person. */
    private final class Typist {
        final OtClient client;
        final AutoCloseable link;
        final boolean longPolling;
        final Random random;
        volatile CountDownLatch acked;
        volatile long sendTime;

        Typist(ClientManager manager, int index) throws Exception {
            String id = prefix + index;
            AtomicLongArray sentTimes = sentAt[index] = new AtomicLongArray(edits + 1);
            random = new Random(index);
            longPolling = transport.equals("longpoll") || transport.equals("mixed") && index % 2 == 1;
            List<Consumer<ClientMessage>> sender = new ArrayList<>(1);
            client = new OtClient(id, "Load " + index, message -> {
                if (message instanceof ClientMessage.Edit edit) {
                    sendTime = System.nanoTime();
                    sentTimes.set((int) edit.seq(), sendTime);
                }
                sender.get(0).accept(message);
            });
            String document = prefix + "doc" + (index % documents);
            String url = urls.get(index % urls.size());
            // whether this client's node orders its document (null: not known)
            Boolean onOwner = nodeIds.isEmpty() ? null
                    : nodeIds.get(index % urls.size()).equals(Owners.of(document, nodeIds));
            Consumer<String> onFrame = frame -> {
                long now = System.nanoTime();
                framesReceived.incrementAndGet();
                charsReceived.addAndGet(frame.length());
                if (readMessages.size() > 100_000) {
                    readMessages.clear();
                }
                for (ServerMessage message : CODEC.decodeFrame(frame, readMessages)) {
                    if (message instanceof ServerMessage.Edited edited) {
                        long sent = sentAt(edited.clientId(), edited.seq());
                        if (sent != 0) {
                            record(broadcastNanos, broadcastCount, now - sent);
                            if (onOwner != null) {
                                record(onOwner ? ownerBroadcastNanos : forwardedBroadcastNanos,
                                        onOwner ? ownerBroadcastCount : forwardedBroadcastCount, now - sent);
                            }
                            if (longPolling) {
                                record(longPollBroadcastNanos, longPollBroadcastCount, now - sent);
                            } else {
                                record(webSocketBroadcastNanos, webSocketBroadcastCount, now - sent);
                            }
                        }
                    }
                    client.receive(message);
                    if (message instanceof ServerMessage.Ack) {
                        record(ackNanos, ackCount, now - sendTime);
                        if (onOwner != null) {
                            record(onOwner ? ownerAckNanos : forwardedAckNanos, onOwner ? ownerAckCount : forwardedAckCount,
                                    now - sendTime);
                        }
                        acked.countDown();
                    }
                }
            };
            if (longPolling) {
                URI uri = URI.create(url.replaceFirst("^ws", "http").replace("/ws/docs/", "/lp/docs/") + document);
                if (longPollHttp == null) {
                    longPollHttp = LongPollLink.newHttpClient();
                }
                LongPollLink longPoll = LongPollLink.open(longPollHttp, uri, origin, onFrame);
                sender.add(longPoll::send);
                link = longPoll;
            } else {
                WebSocketLink webSocket = openWebSocket(manager, URI.create(url + document), origin, onFrame);
                sender.add(webSocket::send);
                link = new AutoCloseable() {
                    @Override
                    public void close() throws Exception {
                        webSocket.close();
                    }

                    @Override
                    public String toString() {
                        return webSocket.closed.isDone() ? "closed by the server: " + webSocket.closed.join() : "open";
                    }
                };
            }
        }

        void type() throws InterruptedException {
            long interval = rate > 0 ? (long) (1e9 / rate) : 0;
            // people do not type in step: each starts at a random point of its first interval
            long next = System.nanoTime() + (interval > 0 ? (long) (random.nextDouble() * interval) : 0);
            for (int i = 0; i < edits; i++) {
                for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                next += interval;
                acked = new CountDownLatch(1);
                synchronized (client) {
                    int length = client.length();
                    int at = random.nextInt(length + 1);
                    client.edit(TextOperation.builder().retain(at)
                            .insert(String.valueOf((char) ('a' + random.nextInt(26)))).retain(length - at).build());
                }
                if (!acked.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(client.clientId() + " got no ack in 30 s (" + link + ")");
                }
            }
        }
    }

    /** Connections tried again after the tool's own client failed to connect. */
    private static final AtomicLong CONNECT_RETRIES = new AtomicLong();

    /**
     * Connects, trying twice more a second apart, as a browser reconnects: with a thousand
     * connections opened at once, the tool's Tyrus client now and then fails to connect before
     * reaching the server ("connection is null"), which says nothing of the server.
     */
    private static WebSocketLink openWebSocket(ClientManager manager, URI uri, String origin, Consumer<String> onFrame)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return WebSocketLink.open(manager, uri, origin, onFrame);
            } catch (jakarta.websocket.DeploymentException failed) {
                if (attempt == 3) {
                    throw failed;
                }
                CONNECT_RETRIES.incrementAndGet();
                Thread.sleep(1000);
            }
        }
    }

    /** When a client of this run sent its edit {@code seq}, or 0 if it did not (yet). */
    private long sentAt(String clientId, long seq) {
        if (!clientId.startsWith(prefix)) {
            return 0;
        }
        AtomicLongArray sent = sentAt[Integer.parseInt(clientId, prefix.length(), clientId.length(), 10)];
        return seq < sent.length() ? sent.get((int) seq) : 0;
    }

    private static void record(long[] samples, AtomicLong count, long nanos) {
        long slot = count.getAndIncrement();
        if (slot < samples.length) {
            samples[(int) slot] = nanos;
        }
    }

    private boolean run() throws Exception {
        ClientManager manager = ClientManager.createClient();
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        List<Typist> typists = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            typists.add(new Typist(manager, i));
        }
        // join in waves, as a reconnect storm should be paced: a burst of thousands overflows the
        // server's worker queue
        for (int from = 0; from < typists.size(); from += joinWave) {
            List<Typist> wave = typists.subList(from, Math.min(typists.size(), from + joinWave));
            wave.forEach(typist -> typist.client.join());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (Typist typist : wave) {
                while (typist.client.revision() < 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(typist.client.clientId() + " was not welcomed in 60 s ("
                                + typist.link + ")");
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
        long cpuBefore = serverCpuMillis();
        long jitBefore = serverJitMillis();
        List<Long> nodeCpuBefore = new ArrayList<>();
        for (String pid : serverPids) {
            nodeCpuBefore.add(cpuMillis(Path.of("/proc", pid, "stat")));
        }
        framesReceived.set(0);
        charsReceived.set(0);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (Typist typist : edits == 0 ? List.<Typist>of() : typists) {
            Thread thread = new Thread(() -> {
                try {
                    typist.type();
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuAfter = serverCpuMillis();
        long jitAfter = serverJitMillis();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("typists failed: " + failures);
        }
        boolean converged = awaitConvergence(typists);
        int total = clients * edits;
        System.out.printf(Locale.ROOT,
                "transport=%s clients=%d documents=%d edits_per_client=%d ops_per_s=%.0f ack_p50_ms=%.2f ack_p99_ms=%.2f "
                        + "broadcast_p50_ms=%.2f broadcast_p99_ms=%.2f server_cpu_ms_per_edit=%s "
                        + "of_which_jit_ms_per_edit=%s frames_out_per_edit=%.1f chars_out_per_edit=%.0f converged=%s%n",
                transport, clients, documents, edits, total / seconds,
                percentile(ackNanos, ackCount, 50), percentile(ackNanos, ackCount, 99),
                percentile(broadcastNanos, broadcastCount, 50), percentile(broadcastNanos, broadcastCount, 99),
                perEdit(cpuBefore, cpuAfter, total), perEdit(jitBefore, jitAfter, total),
                framesReceived.get() / (double) total, charsReceived.get() / (double) total, converged);
        if (transport.equals("mixed")) {
            System.out.printf(Locale.ROOT, "received over websocket: broadcast_p50_ms=%.2f broadcast_p99_ms=%.2f%n"
                            + "received over longpoll:  broadcast_p50_ms=%.2f broadcast_p99_ms=%.2f%n",
                    percentile(webSocketBroadcastNanos, webSocketBroadcastCount, 50),
                    percentile(webSocketBroadcastNanos, webSocketBroadcastCount, 99),
                    percentile(longPollBroadcastNanos, longPollBroadcastCount, 50),
                    percentile(longPollBroadcastNanos, longPollBroadcastCount, 99));
        }
        if (!nodeIds.isEmpty()) {
            System.out.printf(Locale.ROOT, "on the document's owner: ack_p50_ms=%.2f ack_p99_ms=%.2f broadcast_p50_ms=%.2f"
                            + " broadcast_p99_ms=%.2f; forwarded: ack_p50_ms=%.2f ack_p99_ms=%.2f broadcast_p50_ms=%.2f"
                            + " broadcast_p99_ms=%.2f%n",
                    percentile(ownerAckNanos, ownerAckCount, 50), percentile(ownerAckNanos, ownerAckCount, 99),
                    percentile(ownerBroadcastNanos, ownerBroadcastCount, 50),
                    percentile(ownerBroadcastNanos, ownerBroadcastCount, 99),
                    percentile(forwardedAckNanos, forwardedAckCount, 50), percentile(forwardedAckNanos, forwardedAckCount, 99),
                    percentile(forwardedBroadcastNanos, forwardedBroadcastCount, 50),
                    percentile(forwardedBroadcastNanos, forwardedBroadcastCount, 99));
        }
        if (serverPids.size() > 1) {
            StringBuilder each = new StringBuilder();
            for (int i = 0; i < serverPids.size(); i++) {
                each.append(i == 0 ? "" : " ").append("node").append(i + 1).append('=')
                        .append(perEdit(nodeCpuBefore.get(i), cpuMillis(Path.of("/proc", serverPids.get(i), "stat")), total));
            }
            System.out.printf("server CPU ms per edit, by node: %s%n", each);
        }
        System.out.printf("server threads: %s%n", serverThreads());
        if (hold > 0) {
            System.out.printf("holding %d connections open for %d s%n", clients, hold);
            Thread.sleep(hold * 1000L);
            System.out.printf("server threads after holding: %s%n", serverThreads());
            typists.stream().filter(typist -> typist.link.toString().contains("closed"))
                    .forEach(typist -> System.out.println("lost: " + typist.link));
        }
        for (Typist typist : typists) {
            typist.link.close();
        }
        if (CONNECT_RETRIES.get() > 0) {
            System.out.printf("connections tried again: %d%n", CONNECT_RETRIES.getAndSet(0));
        }
        if (longPollHttp != null) {
            longPollHttp.stop();
            System.out.printf("long-polling requests tried again: %d%n", LongPollLink.RETRIES.getAndSet(0));
        }
        return converged;
    }

    private boolean awaitConvergence(List<Typist> typists) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean same = true;
            for (int d = 0; d < documents && same; d++) {
                String text = null;
                long revision = -1;
                for (int i = d; i < typists.size(); i += documents) {
                    OtClient client = typists.get(i).client;
                    if (text == null) {
                        text = client.text();
                        revision = client.revision();
                    } else if (client.revision() != revision || !client.text().equals(text)) {
                        same = false;
                        break;
                    }
                }
                same &= revision == (long) edits * ((typists.size() - d + documents - 1) / documents);
            }
            if (same) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static double percentile(long[] samples, AtomicLong count, int percent) {
        int n = (int) Math.min(count.get(), samples.length);
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(percent / 100.0 * n) - 1)] / 1e6;
    }

    /** Milliseconds per edit between two readings, or n/a if they could not be taken (-1). */
    private static String perEdit(long before, long after, int edits) {
        return before < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (after - before) / (double) edits);
    }

    /** The server processes' user + system CPU time, from /proc, or -1 without -Dserver.pid. */
    private long serverCpuMillis() throws Exception {
        if (serverPids.isEmpty()) {
            return -1;
        }
        long millis = 0;
        for (String pid : serverPids) {
            millis += cpuMillis(Path.of("/proc", pid, "stat"));
        }
        return millis;
    }

    /**
     * CPU time of the server's JIT compiler threads, from /proc, or -1 without -Dserver.pid. On
     * an application server the JIT goes on compiling for many minutes of load after a boot; its
     * share is warm-up, not what an edit costs a long-running server.
     */
    private long serverJitMillis() throws Exception {
        if (serverPid.isBlank()) {
            return -1;
        }
        long millis = 0;
        try (var threads = Files.list(Path.of("/proc", serverPid, "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        millis += cpuMillis(thread.resolve("stat"));
                    }
                } catch (NoSuchFileException ended) {
                    // a compiler thread that ended since the listing
                }
            }
        }
        return millis;
    }

    /** User + system CPU time from a /proc stat file. */
    private static long cpuMillis(Path stat) throws Exception {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    /** The server process's thread count, from /proc, or n/a without -Dserver.pid. */
    private String serverThreads() throws Exception {
        if (serverPid.isBlank()) {
            return "n/a";
        }
        return Files.readAllLines(Path.of("/proc", serverPid, "status")).stream()
                .filter(line -> line.startsWith("Threads:")).map(line -> line.substring(8).strip())
                .findFirst().orElse("n/a");
    }

    /**
     * Runs the scenario {@code rounds} times in this JVM, each on new documents: in a fresh JVM the
     * load tool's own JIT compiles through the first round, and its latencies are partly its own.
     */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 1);
        boolean converged = true;
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d of %d%n", round, rounds);
            converged &= new LoadTool().run();
        }
        System.exit(converged ? 0 : 1);
    }
}

package dev.tandem.transport.websocket;

import com.sun.management.OperatingSystemMXBean;
import dev.tandem.support.server.FreePorts;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.server.Server;

/**
 * What sending a frame costs the sending thread, through Tyrus's standard API and as a frame built
 * once and handed over whole ({@link RawFrames}): {@code receivers} (50) connections to a Tyrus
 * server in this JVM; each broadcast, a typical edit message, goes to all of them, one frame in
 * flight per receiver, as the outbox sends. "shared" gives every receiver the same text (a
 * broadcast), "distinct" gives each its own (nothing to share). Prints medians of {@code rounds}
 * (7) rounds of {@code broadcasts} (2000) per way, the ways alternated. Run with
 * {@code mvn test-compile exec:exec@frames} (docs/benchmarks.md).
 */
public final class FrameSendBenchmark {
    private static final BlockingQueue<Session> OPENED = new LinkedBlockingQueue<>();

    /**
     * Hands each server-side session to the benchmark. The first one gives the container the
     * default idle timeout Tandem gives Payara's ({@link IdleTimers}): sessions made after it
     * have it from the start.
     */
    @ServerEndpoint("/frames")
    public static class Sink {
        @OnOpen
        public void open(Session session) {
            session.getContainer().setDefaultMaxSessionIdleTimeout(Liveness.backstopMillis(30));
            OPENED.add(session);
        }
    }

    private static final String EDIT = "{\"type\":\"edit\",\"clientId\":\"p0Zx1kQ2\",\"op\":[1204,\"e\",312],"
            + "\"revision\":%d,\"seq\":%d,\"author\":\"guest:6f1c2a\",\"authorName\":\"Guest 6f1c\"}";

    private final int receivers = Integer.getInteger("receivers", 50);
    private final int broadcasts = Integer.getInteger("broadcasts", 2000);
    private final int rounds = Integer.getInteger("rounds", 7);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Throwable> failed = new AtomicReference<>();

    public static void main(String[] args) throws Exception {
        new FrameSendBenchmark().run();
    }

    private void run() throws Exception {
        int port = FreePorts.take();
        Server server = new Server("127.0.0.1", port, "/", null, Sink.class);
        server.start();
        ClientManager client = ClientManager.createClient();
        try {
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i <= receivers; i++) {
                client.connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session session, EndpointConfig config) {
                        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> received.incrementAndGet());
                    }
                }, ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + port + "/frames"));
                sessions.add(OPENED.poll(10, TimeUnit.SECONDS));
            }
            sessions.remove(0).close(); // made before the container had its default idle timeout
            List<WebSocketChannel> standard = new ArrayList<>();
            List<WebSocketChannel> raw = new ArrayList<>();
            for (Session session : sessions) {
                standard.add(new WebSocketChannel(session, null));
                RawFrames frames = RawFrames.of(session);
                if (frames == null) {
                    throw new IllegalStateException("Tyrus's socket was not reached");
                }
                raw.add(new WebSocketChannel(session, frames));
            }
            for (boolean shared : new boolean[] {true, false}) {
                String kind = shared ? "shared" : "distinct";
                round(standard, shared);
                round(raw, shared);
                List<double[]> standardRounds = new ArrayList<>();
                List<double[]> rawRounds = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    standardRounds.add(round(standard, shared));
                    rawRounds.add(round(raw, shared));
                }
                print(kind, "standard", standardRounds);
                print(kind, "raw", rawRounds);
            }
        } finally {
            client.shutdown();
            server.stop();
        }
    }

    /** One round: {sender CPU µs per send, process CPU µs per send, sends per second}. */
    private double[] round(List<WebSocketChannel> channels, boolean shared) throws InterruptedException {
        long expected = received.get() + (long) broadcasts * channels.size();
        long cpu = threads.getCurrentThreadCpuTime();
        long process = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int b = 0; b < broadcasts; b++) {
            String text = String.format(Locale.ROOT, EDIT, b, b);
            CountDownLatch sent = new CountDownLatch(channels.size());
            for (int r = 0; r < channels.size(); r++) {
                String frame = shared ? text : text + "," + r;
                channels.get(r).send(frame, failure -> {
                    if (failure != null) {
                        failed.compareAndSet(null, failure);
                    }
                    sent.countDown();
                });
            }
            if (!sent.await(30, TimeUnit.SECONDS) || failed.get() != null) {
                throw new IllegalStateException("frames were not written", failed.get());
            }
        }
        double sends = (double) broadcasts * channels.size();
        double senderMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / sends;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("frames sent were not received");
            }
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double processMicros = (os.getProcessCpuTime() - process) / 1000.0 / sends;
        return new double[] {senderMicros, processMicros, sends / seconds};
    }

    private void print(String kind, String way, List<double[]> results) {
        System.out.printf(Locale.ROOT, "frames=%s way=%s receivers=%d broadcasts=%d rounds=%d"
                        + " sender_cpu_us_per_send=%.2f process_cpu_us_per_send=%.2f sends_per_s=%.0f%n",
                kind, way, receivers, broadcasts, results.size(),
                median(results, 0), median(results, 1), median(results, 2));
    }

    private static double median(List<double[]> results, int column) {
        double[] values = results.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }
}

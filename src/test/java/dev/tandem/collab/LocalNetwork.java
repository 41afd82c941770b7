package dev.tandem.collab;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.support.client.ClientCodec;
import dev.tandem.support.client.OtClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Clients wired to the real service through JSON frames, with a transport's guarantees (each
 * direction of each connection in order, one message at a time) and random network delays.
 */
final class LocalNetwork implements AutoCloseable {
    final DocumentRegistry registry;
    private final ClientCodec codec = new ClientCodec();
    private final Random random;
    private final int maxDelayMicros;
    private final List<ExecutorService> executors = new ArrayList<>();

    LocalNetwork(DocumentRegistry registry, long seed, int maxDelayMicros) {
        this.registry = registry;
        this.random = new Random(seed);
        this.maxDelayMicros = maxDelayMicros;
    }

    /** A client's end of one connection. */
    final class Link implements Channel {
        final OtClient client;
        final Connection connection;
        final ExecutorService up = serial();
        final ExecutorService down = serial();
        final AtomicBoolean open = new AtomicBoolean(true);
        volatile CloseCode closing;
        volatile boolean holdAcks;
        final List<ServerMessage> received = java.util.Collections.synchronizedList(new ArrayList<>());

        Link(String documentId, OtClient client) {
            this.client = client;
            this.connection = registry.connect(new DocumentId(documentId), this, null, dev.tandem.access.Person.guest());
        }

        /** Client to server: encoded, delayed, handed over as a transport would. */
        void send(ClientMessage message) {
            String json = codec.encode(message);
            try {
                up.execute(() -> {
                    pause();
                    if (open.get()) {
                        connection.receive(json);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException serverGone) {
                // the network closed with its server: lost, as on a dead connection
            }
        }

        /** Sends raw text, as a hostile client might. */
        void sendRaw(String json) {
            up.execute(() -> connection.receive(json));
        }

        @Override
        public void send(String frame, Consumer<Throwable> done) {
            down.execute(() -> {
                pause();
                if (open.get()) {
                    for (ServerMessage message : codec.decodeFrame(frame)) {
                        received.add(message);
                        if (!(holdAcks && message instanceof ServerMessage.Ack)) {
                            client.receive(message);
                        }
                    }
                }
                done.accept(open.get() ? null : new IllegalStateException("closed"));
            });
        }

        /** As a WebSocket close frame, after the frames sent before it. */
        @Override
        public void close(CloseCode reason, String message) {
            closing = reason;
            down.execute(this::drop);
        }

        /** The connection dies: nothing more crosses it, and the server hears of it. */
        void drop() {
            if (open.compareAndSet(true, false)) {
                up.execute(connection::closed);
            }
        }

        /** Waits until what was sent either way has arrived, replies included. */
        void flush() throws InterruptedException {
            for (int i = 0; i < 4; i++) {
                awaitIdle(up);
                awaitIdle(down);
            }
        }
    }

    Link connect(String documentId, OtClient client) {
        return new Link(documentId, client);
    }

    private ExecutorService serial() {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-network");
            thread.setDaemon(true);
            return thread;
        });
        executors.add(executor);
        return executor;
    }

    private void pause() {
        int micros;
        synchronized (random) {
            micros = maxDelayMicros == 0 ? 0 : random.nextInt(maxDelayMicros);
        }
        if (micros > 0) {
            try {
                TimeUnit.MICROSECONDS.sleep(micros);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitIdle(ExecutorService executor) throws InterruptedException {
        try {
            executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        executors.forEach(ExecutorService::shutdownNow);
        registry.stop();
    }
}

package dev.tandem.support.client;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.protocol.LongPolling;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * A long-polling connection to {@code /lp/docs/{id}} (docs/protocol.md): messages go out one
 * POST at a time, in order; one poll at a time brings the server's frames, acknowledging each
 * frame number it has. Feeds an {@link OtClient}, or hands raw frames to a consumer.
 *
 * <p>Asynchronous, on Jetty's HTTP client: no thread waits for an answer, so that a load tool can
 * run a thousand of these with a few threads, and small requests leave at once, as a browser's do.
 * On the JDK's client the load tool mostly measured itself: Nagle's algorithm, which that client
 * leaves on, held some POST bodies back for 200 ms, and the next poll left a median 177 ms after
 * an answer (docs/benchmarks.md). Frames are handed on by the HTTP client's threads.
 */
public final class LongPollLink implements AutoCloseable {
    private static final ClientCodec CODEC = new ClientCodec();
    /** The longest answer read: a welcome carries the whole document. */
    private static final int MAX_ANSWER_BYTES = 64 << 20;
    private static final Executor RETRY_DELAY = CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);

    /** Requests tried again, by every link of this JVM. */
    public static final AtomicLong RETRIES = new AtomicLong();

    private final HttpClient http;
    private final URI uri;
    private final String origin;
    private final Consumer<String> onFrame;
    /** The last POST: the next one starts when it has ended; guarded by {@code this}. */
    private CompletableFuture<?> posted = CompletableFuture.completedFuture(null);
    /** The request of the poll under way, cancelled when the link is closed. */
    private volatile CompletableFuture<?> pollUnderWay;
    private volatile String session;
    private volatile boolean stopped;
    /** The last frame number received; only the chain of polls, one at a time, touches it. */
    private long received;
    private volatile Throwable failure;
    public final CompletableFuture<JsonObject> closed = new CompletableFuture<>();
    /** Statuses of the answers, polls and posts alike, in order. */
    public final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final Map<String, String> extraHeaders = new ConcurrentHashMap<>();

    private LongPollLink(HttpClient http, URI uri, String origin, Consumer<String> onFrame) {
        this.http = http;
        this.uri = uri;
        this.origin = origin;
        this.onFrame = onFrame;
    }

    /**
     * An HTTP/1.1 client for any number of links; stop it when done. Each link holds a poll open and
     * posts beside it, on a connection per request under way, as a browser does.
     */
    public static HttpClient newHttpClient() throws Exception {
        return newHttpClient(null);
    }

    /** The same, over TLS trusting what {@code tls} trusts (null: the JDK's defaults). */
    public static HttpClient newHttpClient(javax.net.ssl.SSLContext tls) throws Exception {
        HttpClient http = new HttpClient();
        if (tls != null) {
            org.eclipse.jetty.util.ssl.SslContextFactory.Client trusting = new org.eclipse.jetty.util.ssl.SslContextFactory.Client();
            trusting.setSslContext(tls);
            http.setSslContextFactory(trusting);
        }
        http.setMaxConnectionsPerDestination(100_000);
        http.setMaxRequestsQueuedPerDestination(100_000);
        http.setIdleTimeout(TimeUnit.SECONDS.toMillis(60)); // longer than a poll's hold time
        http.start();
        return http;
    }

    /** Connects {@code client}, whose sender should call {@link #send}. */
    public static LongPollLink connect(HttpClient http, URI uri, String origin, OtClient client) {
        return new LongPollLink(http, uri, origin, frame -> CODEC.decodeFrame(frame).forEach(client::receive));
    }

    /** A raw connection: the messages array of every poll answer goes to {@code onFrame}. */
    public static LongPollLink open(HttpClient http, URI uri, String origin, Consumer<String> onFrame) {
        return new LongPollLink(http, uri, origin, onFrame);
    }

    public void send(ClientMessage message) {
        sendRaw(CODEC.encode(message));
    }

    /** Posts a body as it is, after the bodies posted before it; the first one opens the session. */
    public synchronized void sendRaw(String body) {
        posted = posted.thenCompose(previous -> stopped ? CompletableFuture.completedFuture(null)
                : withRetries(() -> send(request(uri).method(HttpMethod.POST)
                        .body(new StringRequestContent("application/json", body))), 1)
                        .thenAccept(this::posted))
                .exceptionally(failed -> {
                    fail(failed);
                    return null;
                });
    }

    private void posted(ContentResponse response) {
        statuses.add(response.getStatus());
        if (session == null && response.getStatus() == 200) {
            session = json(response.getContentAsString()).getString("session");
            poll();
        } else if (response.getStatus() >= 400) {
            JsonObject answer = json(response.getContentAsString());
            if (answer.containsKey("messages") && !answer.getJsonArray("messages").isEmpty()) {
                onFrame.accept(answer.getJsonArray("messages").toString()); // why it was refused
            }
            closed.complete(answer.getJsonObject("close"));
        }
    }

    private static CompletableFuture<ContentResponse> send(Request request) {
        return new CompletableResponseListener(request, MAX_ANSWER_BYTES).send();
    }

    /**
     * A request that fails for want of a connection (a pooled one the server had closed, say) is
     * tried again, as a browser does: twice more, a moment apart. Resending is safe: the server
     * applies an edit once, and a poll names what it has received.
     */
    private CompletableFuture<ContentResponse> withRetries(Supplier<CompletableFuture<ContentResponse>> request, int attempt) {
        return request.get().exceptionallyCompose(failed -> attempt == 3 || stopped
                || !(failed instanceof IOException || failed.getCause() instanceof IOException)
                ? CompletableFuture.failedFuture(failed)
                : CompletableFuture.runAsync(RETRIES::incrementAndGet, RETRY_DELAY).thenCompose(delayed -> withRetries(request, attempt + 1)));
    }

    /** One poll; its answer's frame is handed on, then the next poll starts. */
    private void poll() {
        if (stopped) {
            return;
        }
        withRetries(() -> {
            CompletableFuture<ContentResponse> request = send(request(URI.create(uri + "?ack=" + received))
                    .timeout(90, TimeUnit.SECONDS));
            pollUnderWay = request;
            return request;
        }, 1).thenAccept(this::answered).exceptionally(failed -> {
            fail(failed);
            return null;
        });
    }

    private void answered(ContentResponse response) {
        statuses.add(response.getStatus());
        JsonObject answer = json(response.getContentAsString());
        long seq = answer.getJsonNumber("seq").longValue();
        if (seq > received && !answer.getJsonArray("messages").isEmpty()) {
            received = seq;
            onFrame.accept(answer.getJsonArray("messages").toString());
        }
        if (answer.containsKey("close")) {
            closed.complete(answer.getJsonObject("close"));
        } else {
            poll();
        }
    }

    private void fail(Throwable failed) {
        if (!stopped) {
            failure = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
            closed.complete(null);
        }
    }

    /** Sends {@code value} in header {@code name} with every request from now on (a session cookie, say). */
    public LongPollLink header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    private Request request(URI target) {
        return http.newRequest(target).headers(headers -> {
            extraHeaders.forEach(headers::put);
            if (origin != null) {
                headers.put("Origin", origin);
            }
            if (session != null) {
                headers.put(LongPolling.SESSION_HEADER, session);
            }
        });
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = JsonProviderHolder.PROVIDER.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Stops polling without a word, as a client whose network went away. */
    @Override
    public void close() {
        stopped = true;
        CompletableFuture<?> poll = pollUnderWay;
        if (poll != null) {
            poll.cancel(true);
        }
    }

    public String session() {
        return session;
    }

    @Override
    public String toString() {
        return "long polling session " + session + ", frames received " + received
                + (closed.isDone() ? ", closed: " + closed.getNow(null) : "") + (failure == null ? "" : ", failed: " + failure);
    }
}

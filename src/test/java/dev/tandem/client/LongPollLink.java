package dev.tandem.client;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MessageCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A long-polling connection to {@code /lp/docs/{id}} (docs/protocol.md): messages go out one
 * POST at a time, in order; one poll at a time brings the server's frames, acknowledging each
 * frame number it has. Feeds an {@link OtClient}, or hands raw frames to a consumer.
 */
public final class LongPollLink implements AutoCloseable {
    private static final MessageCodec CODEC = new MessageCodec();
    /** Looked up once: {@code Json.createReader} looks the provider up on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final HttpClient http;
    private final URI uri;
    private final String origin;
    private final Consumer<String> onFrame;
    private final ExecutorService posting = Executors.newSingleThreadExecutor(daemon("lp-post"));
    private final Thread polling;
    private volatile String session;
    private volatile boolean stopped;
    private long received;
    private volatile IOException failure;
    public final CompletableFuture<JsonObject> closed = new CompletableFuture<>();

    private LongPollLink(HttpClient http, URI uri, String origin, Consumer<String> onFrame) {
        this.http = http;
        this.uri = uri;
        this.origin = origin;
        this.onFrame = onFrame;
        this.polling = daemon("lp-poll").newThread(this::pollLoop);
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

    /** Posts a body as it is; the first one opens the session. */
    public void sendRaw(String body) {
        posting.execute(() -> {
            try {
                HttpResponse<String> response = withRetries(() -> http.send(request()
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                        .build(), HttpResponse.BodyHandlers.ofString()));
                if (session == null && response.statusCode() == 200) {
                    session = json(response.body()).getString("session");
                    polling.start();
                } else if (response.statusCode() >= 400) {
                    closed.complete(json(response.body()).getJsonObject("close"));
                }
            } catch (IOException e) {
                failure = e;
                closed.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * A request that fails for want of a connection (a pooled one the server had closed, say) is
     * tried again, as a browser does: twice more, a moment apart. Resending is safe: the server
     * applies an edit once, and a poll names what it has received.
     */
    private HttpResponse<String> withRetries(Request request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.send();
            } catch (IOException e) {
                if (attempt == 3 || stopped) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private interface Request {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private void pollLoop() {
        while (!stopped) {
            try {
                HttpResponse<String> response = withRetries(() -> http.send(
                        request(URI.create(uri + "?ack=" + received)).timeout(Duration.ofSeconds(90)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
                JsonObject answer = json(response.body());
                long seq = answer.getJsonNumber("seq").longValue();
                if (seq > received && !answer.getJsonArray("messages").isEmpty()) {
                    received = seq;
                    onFrame.accept(answer.getJsonArray("messages").toString());
                }
                if (answer.containsKey("close")) {
                    closed.complete(answer.getJsonObject("close"));
                    return;
                }
            } catch (IOException e) {
                if (!stopped) {
                    failure = e;
                    closed.complete(null);
                }
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private HttpRequest.Builder request() {
        return request(uri);
    }

    private HttpRequest.Builder request(URI target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (session != null) {
            builder.header("Tandem-Session", session);
        }
        return builder;
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Stops polling without a word, as a client whose network went away. */
    @Override
    public void close() {
        stopped = true;
        polling.interrupt();
        posting.shutdownNow();
    }

    public String session() {
        return session;
    }

    @Override
    public String toString() {
        return "long polling session " + session + ", frames received " + received
                + (closed.isDone() ? ", closed: " + closed.getNow(null) : "") + (failure == null ? "" : ", failed: " + failure);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

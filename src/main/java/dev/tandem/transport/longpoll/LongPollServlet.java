package dev.tandem.transport.longpoll;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /lp/docs/{docId}}: the protocol's messages over plain HTTP (docs/protocol.md, "Long
 * polling"). POST carries the client's messages, GET waits for the server's. Every answer has a
 * length and {@code Cache-Control: no-store}, and nothing relies on streaming, so HTTP/1.0
 * proxies pass it. It translates requests and hands the messages to the same service as the
 * WebSocket endpoint.
 */
@WebServlet(urlPatterns = "/lp/docs/*", asyncSupported = true)
public class LongPollServlet extends HttpServlet {
    /** Looked up once: {@code Json.create*} looks the provider up on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final long serialVersionUID = 1L;
    /** The header that names the session, kept out of URLs and so out of access logs. */
    static final String SESSION_HEADER = "Tandem-Session";

    @Inject
    LongPollSessions sessions;

    /** Messages: without a session the first must be a join, and a session starts. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String documentId = documentId(request);
        if (request.getHeader("Upgrade") != null) {
            // the server speaks HTTP/1.1 only (docs/operations.md), and with the header set the
            // container never hands over the body: say so at once rather than time out reading it
            writeJson(response, HttpServletResponse.SC_BAD_REQUEST,
                    close(1008, "this server speaks HTTP/1.1: send messages without an Upgrade header"));
            return;
        }
        // several messages may share a request; each one is held to the message limit by the service
        int limit = 2 * sessions.maxMessageBytes();
        byte[] bytes = request.getInputStream().readNBytes(limit + 1);
        if (bytes.length > limit) {
            // read on a little, so that clients which send the whole body before reading see the answer
            request.getInputStream().skipNBytes(Math.min(16L * limit, Math.max(0, request.getContentLengthLong() - bytes.length)));
            writeJson(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    close(1009, "a request may carry at most " + limit + " bytes"));
            return;
        }
        List<String> messages = split(new String(bytes, StandardCharsets.UTF_8));
        String id = request.getHeader(SESSION_HEADER);
        if (id == null) {
            LongPollSession session;
            try {
                session = sessions.open(documentId);
            } catch (IllegalArgumentException badId) {
                writeJson(response, HttpServletResponse.SC_NOT_FOUND, close(1008, badId.getMessage()));
                return;
            }
            if (session == null) {
                response.setHeader("Retry-After", "10");
                writeJson(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, close(1013, "this server has "
                        + sessions.maxSessions() + " long-polling clients, as many as it takes: try again later"));
                return;
            }
            session.receive(messages);
            writeJson(response, HttpServletResponse.SC_OK, "{\"session\":\"" + session.id + "\"}");
            return;
        }
        LongPollSession session = sessions.find(id, documentId);
        if (session == null) {
            gone(response);
            return;
        }
        session.receive(messages);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** A poll: {@code ack} is the last frame number the client has; waits for the next. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LongPollSession session = sessions.find(request.getHeader(SESSION_HEADER), documentId(request));
        if (session == null) {
            gone(response);
            return;
        }
        long ack;
        try {
            String value = request.getParameter("ack");
            ack = value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            writeJson(response, HttpServletResponse.SC_BAD_REQUEST, close(1008, "ack must be a frame number"));
            return;
        }
        AsyncContext context = request.startAsync();
        session.poll(ack, context, sessions.holdMillis());
    }

    private static String documentId(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null || path.length() < 2 ? "" : path.substring(1);
    }

    /**
     * A JSON array is several messages; anything else is one message, which the service
     * decodes (and refuses with a clear error if it is not one).
     */
    static List<String> split(String body) {
        if (!body.stripLeading().startsWith("[")) {
            return List.of(body);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonArray array = reader.readArray();
            return array.stream().map(JsonValue::toString).toList();
        } catch (JsonParsingException | IllegalStateException notAnArray) {
            return List.of(body);
        }
    }

    private static void gone(HttpServletResponse response) throws IOException {
        writeJson(response, HttpServletResponse.SC_GONE, close(1001, "no such session (it ended or expired): join again"));
    }

    /** The answer that ends a session, in the shape of a poll's answer. */
    private static String close(int code, String reason) {
        return "{\"seq\":0,\"messages\":[],\"close\":{\"code\":" + code + ",\"reason\":" + JSON.createValue(reason) + "}}";
    }

    /** A whole answer, written on the request's own thread. */
    static void writeJson(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers(response, status, bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Every answer has a length (no chunked streaming, which HTTP/1.0 proxies do not pass) and is never cached. */
    static void headers(HttpServletResponse response, int status, int length) {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(length);
    }
}

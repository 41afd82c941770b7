package dev.tandem.transport.longpoll;

import dev.tandem.access.People;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.LongPolling;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /lp/docs/{docId}}: the protocol's messages over plain HTTP (docs/protocol.md, "Long
 * polling"). POST carries the client's messages, GET waits for the server's. Every answer has a
 * length and {@code Cache-Control: no-store}, and nothing relies on streaming, so HTTP/1.0
 * proxies pass it. It translates requests and hands the messages to the same service as the
 * WebSocket endpoint.
 */
@WebServlet(urlPatterns = "/lp/docs/*", asyncSupported = true)
public class LongPollServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    LongPollSessions sessions;

    @Inject
    People people;

    @Inject
    LongPollRelay relay;

    /** Messages: without a session the first must be a join, and a session starts. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<DocumentId> documentId = documentId(request);
        if (request.getHeader("Upgrade") != null) {
            // the server speaks HTTP/1.1 only (docs/operations.md), and with the header set the
            // container never hands over the body: say so at once rather than time out reading it
            end(response, HttpServletResponse.SC_BAD_REQUEST, CloseCode.POLICY,
                    "this server speaks HTTP/1.1: send messages without an Upgrade header");
            return;
        }
        if (request.getUserPrincipal() != null && !isJson(request.getContentType())) {
            // a page of another site can send a plain form with someone's cookie, never JSON
            end(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, CloseCode.POLICY,
                    "a signed-in client sends its messages as JSON (Content-Type: application/json)");
            return;
        }
        // several messages may share a request; each one is held to the message limit by the service
        int limit = 2 * sessions.maxMessageBytes();
        byte[] bytes = request.getInputStream().readNBytes(limit + 1);
        String id = request.getHeader(LongPolling.SESSION_HEADER);
        if (bytes.length > limit) {
            // read on a little, so that clients which send the whole body before reading see the answer
            request.getInputStream().skipNBytes(Math.min(16L * limit, Math.max(0, request.getContentLengthLong() - bytes.length)));
            String reason = "a request may carry at most " + limit + " bytes";
            LongPollSession session = find(request, id, documentId);
            if (session != null) {
                session.refuse(CloseCode.TOO_BIG, reason); // as a WebSocket is closed for a message too large
            }
            end(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, CloseCode.TOO_BIG, reason);
            return;
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (id == null) {
            if (documentId.isEmpty()) {
                end(response, HttpServletResponse.SC_NOT_FOUND, CloseCode.POLICY, DocumentId.RULE_TEXT);
                return;
            }
            LongPollSession session = sessions.open(documentId.get(), request.getRemoteAddr(),
                    people.of(request.getUserPrincipal()));
            if (session == null) {
                response.setHeader("Retry-After", "10");
                end(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, CloseCode.TRY_AGAIN_LATER, "this server has "
                        + sessions.maxSessions() + " long-polling clients, or " + sessions.maxSessionsPerAddress()
                        + " from your address, as many as it takes: try again later");
                return;
            }
            session.receive(body);
            if (session.endsForAccess()) {
                Answers.writeNow(response, HttpServletResponse.SC_FORBIDDEN,
                        session.refuse(CloseCode.ACCESS, "not let in to this document"));
                return;
            }
            if (!session.started()) {
                // no session without a participant: it would only hold memory until it expired
                Answers.writeNow(response, HttpServletResponse.SC_BAD_REQUEST,
                        session.refuse(CloseCode.POLICY, "a session starts with a join message"));
                return;
            }
            Answers.writeNow(response, HttpServletResponse.SC_OK, new LongPolling.SessionStarted(session.id).toJson());
            return;
        }
        LongPollSession session = find(request, id, documentId);
        if (session == null) {
            relayOrGone(request, response, id, documentId, 0, body);
            return;
        }
        session.receive(body);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** A poll: {@code ack} is the last frame number the client has; waits for the next. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long ack;
        try {
            String value = request.getParameter("ack");
            ack = value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            end(response, HttpServletResponse.SC_BAD_REQUEST, CloseCode.POLICY, "ack must be a frame number");
            return;
        }
        String id = request.getHeader(LongPolling.SESSION_HEADER);
        Optional<DocumentId> documentId = documentId(request);
        LongPollSession session = find(request, id, documentId);
        if (session == null) {
            relayOrGone(request, response, id, documentId, ack, null);
            return;
        }
        AsyncContext context = request.startAsync();
        session.poll(ack, new HeldRequest(context, session, sessions), sessions.holdMillis());
    }

    /**
     * A request for a session this node does not have: relayed to the node of the cluster that
     * has it, if there is one, and answered with what it says; else the session is gone.
     */
    private void relayOrGone(HttpServletRequest request, HttpServletResponse response, String id,
            Optional<DocumentId> documentId, long ack, String body) throws IOException {
        String holder = relay.holderOf(id);
        if (holder == null || documentId.isEmpty()) {
            gone(response);
            return;
        }
        AsyncContext context = request.startAsync();
        context.setTimeout(0); // the relay gives up on its own, after the poll's hold and then some
        Principal caller = request.getUserPrincipal();
        relay.relay(holder, documentId.get(), id, caller == null ? null : caller.getName(), ack, body)
                .thenAccept(answer -> Answers.write(context, answer.status(), answer.body()));
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static Optional<DocumentId> documentId(HttpServletRequest request) {
        String path = request.getPathInfo();
        return DocumentId.parse(path == null || path.length() < 2 ? "" : path.substring(1));
    }

    /** The session, if it is on this document and the caller is who opened it. */
    private LongPollSession find(HttpServletRequest request, String id, Optional<DocumentId> documentId) {
        Principal caller = request.getUserPrincipal();
        return documentId.map(document -> sessions.find(id, document, caller == null ? null : caller.getName()))
                .orElse(null);
    }

    private static void gone(HttpServletResponse response) throws IOException {
        Answers.writeNow(response, HttpServletResponse.SC_GONE, LongPollRelay.goneBody());
    }

    /** An answer that ends the session, or refuses to start one. */
    private static void end(HttpServletResponse response, int status, CloseCode code, String reason) throws IOException {
        Answers.writeNow(response, status, LongPolling.Answer.closing(code, reason).toJson());
    }
}

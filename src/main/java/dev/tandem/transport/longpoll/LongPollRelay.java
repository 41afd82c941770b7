package dev.tandem.transport.longpoll;

import dev.tandem.collab.Grid;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.protocol.LongPolling;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Long polling with no sticky sessions: a request for a session that another node of the cluster
 * holds (its id names the node) is relayed there over the grid, and the answer comes back to the
 * node that got the request, which writes it. So a proxy may send each request of a client to any
 * node. A relayed request carries who made it, as the node that received it authenticated them;
 * the holding node checks it against the session's opener, as for its own requests.
 */
@ApplicationScoped
public class LongPollRelay {
    private static final Logger LOG = Logger.getLogger(LongPollRelay.class.getName());
    static final String CHANNEL = "long-polling";
    /** How much longer than a poll's hold a relayed request may take before it counts as lost. */
    private static final long LOST_AFTER_MILLIS = 30_000;

    @Inject
    Grid grid;

    @Inject
    LongPollSessions sessions;

    private final AtomicLong calls = new AtomicLong();
    private final Map<Long, Call> pending = new ConcurrentHashMap<>();

    /** An answer to a relayed request. */
    record Answer(int status, String body) {
    }

    private record Call(String node, CompletableFuture<Answer> answer) {
    }

    @PostConstruct
    void start() {
        grid.listen(CHANNEL, new Grid.Listener() {
            @Override
            public void received(String from, String text) {
                LongPollRelay.this.received(from, text);
            }

            @Override
            public void nodesChanged() {
                pending.forEach((id, call) -> {
                    if (!grid.alive(call.node())) {
                        answer(id, gone());
                    }
                });
            }
        });
    }

    /** Listens from the start: other nodes may relay requests here before anyone asks this node anything. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer alone makes the container create this bean now
    }

    /** The node that holds session {@code id}, if another node of the cluster that is there now; else null. */
    String holderOf(String id) {
        int dot = id == null ? -1 : id.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String node = id.substring(dot + 1);
        return !node.equals(grid.self()) && grid.alive(node) ? node : null;
    }

    /** What this node adds to the ids of its sessions, so that the others know where they are. */
    String suffix() {
        return grid.self().equals(Grid.SINGLE.self()) ? "" : "." + grid.self();
    }

    /**
     * Relays a request for session {@code session} to {@code node}: a poll ({@code body} null,
     * acknowledging {@code ack}) or messages.
     */
    CompletableFuture<Answer> relay(String node, DocumentId document, String session, String user, long ack,
            String body) {
        long id = calls.incrementAndGet();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(id, new Call(node, answer));
        JsonObjectBuilder request = JsonProviderHolder.PROVIDER.createObjectBuilder().add("call", id)
                .add("doc", document.value()).add("session", session).add("ack", ack);
        if (user != null) {
            request.add("user", user);
        }
        if (body != null) {
            request.add("body", body);
        }
        try {
            grid.send(node, CHANNEL, request.build().toString());
            sessions.schedule(() -> answer(id, gone()), sessions.holdMillis() + LOST_AFTER_MILLIS);
        } catch (RuntimeException | Error gone) {
            answer(id, gone());
        }
        return answer;
    }

    private void received(String from, String text) {
        JsonObject message;
        try (var reader = JsonProviderHolder.PROVIDER.createReader(new StringReader(text))) {
            message = reader.readObject();
        }
        if (message.containsKey("reply")) {
            answer(message.getJsonNumber("reply").longValue(),
                    new Answer(message.getInt("status"), message.getString("body")));
            return;
        }
        long call = message.getJsonNumber("call").longValue();
        RelayedPoll.Reply reply = (status, body) -> send(from, call, status, body);
        try {
            LongPollSession session = sessions.find(message.getString("session"),
                    new DocumentId(message.getString("doc")), message.getString("user", null));
            if (session == null) {
                reply.send(HttpServletResponse.SC_GONE, goneBody());
            } else if (message.containsKey("body")) {
                session.receive(message.getString("body"));
                reply.send(HttpServletResponse.SC_NO_CONTENT, "");
            } else {
                session.poll(message.getJsonNumber("ack").longValue(), new RelayedPoll(session, reply),
                        sessions.holdMillis());
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "a long-polling request relayed by node " + from + " failed", failed);
            reply.send(HttpServletResponse.SC_GONE, goneBody());
        }
    }

    private void send(String node, long call, int status, String body) {
        try {
            grid.send(node, CHANNEL, JsonProviderHolder.PROVIDER.createObjectBuilder().add("reply", call)
                    .add("status", status).add("body", body).build().toString());
        } catch (RuntimeException | Error gone) {
            // the node that asked is gone: its client asks another
        }
    }

    private void answer(long id, Answer answer) {
        Call call = pending.remove(id);
        if (call != null) {
            try {
                call.answer().complete(answer);
            } catch (RejectedExecutionException stopping) {
                // nothing to write to
            }
        }
    }

    private static Answer gone() {
        return new Answer(HttpServletResponse.SC_GONE, goneBody());
    }

    /** The answer about a session that is no more. */
    static String goneBody() {
        return LongPolling.Answer.closing(CloseCode.GOING_AWAY, "no such session (it ended or expired): join again").toJson();
    }
}

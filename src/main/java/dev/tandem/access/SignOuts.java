package dev.tandem.access;

import dev.tandem.collab.Grid;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing out, on every node. The sign-in session is shared by the nodes of a cluster (web.xml:
 * distributable), but a node that holds a copy in memory goes on using it after another node
 * ended the session; so the node where someone signs out tells the others, and each ends its
 * own copy, which also closes the WebSocket connections opened under it there. Sessions are named
 * between nodes by the hash of their id, never the id itself.
 */
@ApplicationScoped
public class SignOuts {
    static final String CHANNEL = "sessions";

    @Inject
    Grid grid;

    /** The signed-in sessions this node holds in memory, by the hash of their id. */
    private final Map<String, HttpSession> here = new ConcurrentHashMap<>();
    /**
     * Sessions signed out on any node, by the hash of their id, with when: a node may still load
     * one from the grid's copy (a copy it did not hold when told), so requests that name one are
     * treated as signed out ({@code web.EndedSessions}). Kept as long as a session lives.
     */
    private final Map<String, Long> ended = new ConcurrentHashMap<>();
    private static final long SESSION_MILLIS = java.util.concurrent.TimeUnit.MINUTES.toMillis(480);

    @PostConstruct
    void start() {
        grid.listen(CHANNEL, new Grid.Listener() {
            @Override
            public void received(String from, String text) {
                remember(text);
                HttpSession session = here.remove(text);
                if (session != null) {
                    invalidate(session);
                }
            }

            @Override
            public void nodesChanged() {
                // a session outlives the nodes it was used on
            }
        });
    }

    /** Listens from the start: someone may sign out on another node before anyone comes here. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer alone makes the container create this bean now
    }

    /**
     * Marks the request's session as signed in, on whichever node holds it from now on; after the
     * session has its final id.
     */
    public static void signedIn(HttpServletRequest request) {
        request.getSession().setAttribute(SignedInSession.ATTRIBUTE, new SignedInSession());
    }

    /** Ends the request's session here and on every other node. */
    public void signOut(HttpServletRequest request) throws ServletException {
        HttpSession session = request.getSession(false);
        // the id it had: signing out gives the session another (Payara), which the other nodes never saw
        String key = session == null ? null : Tokens.hash(session.getId());
        request.logout();
        if (session != null) {
            remember(key);
            here.remove(key);
            invalidate(session);
            grid.sendAll(CHANNEL, key);
        }
    }

    private void remember(String key) {
        long now = System.currentTimeMillis();
        ended.values().removeIf(when -> now - when > SESSION_MILLIS);
        ended.put(key, now);
    }

    /** Whether session {@code id} was signed out, here or on another node. */
    public boolean ended(String id) {
        return !ended.isEmpty() && ended.containsKey(Tokens.hash(id));
    }

    void held(HttpSession session) {
        here.put(Tokens.hash(session.getId()), session);
    }

    void released(HttpSession session) {
        here.remove(Tokens.hash(session.getId()), session);
    }

    private static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyEnded) {
            // timed out, or ended by a request in the meantime
        }
    }
}

package dev.tandem.access;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import java.io.Serializable;

/**
 * The mark of a signed-in session, which tells {@link SignOuts} which signed-in sessions this node
 * holds: bound where someone signs in, brought back to life (activated) on each node that loads
 * the session from the cluster's copy.
 */
final class SignedInSession implements HttpSessionBindingListener, HttpSessionActivationListener, Serializable {
    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = "tandem.signed-in";

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
        signOuts().held(event.getSession());
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        signOuts().released(event.getSession());
    }

    @Override
    public void sessionDidActivate(HttpSessionEvent event) {
        signOuts().held(event.getSession());
    }

    @Override
    public void sessionWillPassivate(HttpSessionEvent event) {
        signOuts().released(event.getSession());
    }

    private static SignOuts signOuts() {
        return CDI.current().select(SignOuts.class).get();
    }
}

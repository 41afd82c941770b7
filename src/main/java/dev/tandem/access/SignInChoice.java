package dev.tandem.access;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps one sign-in mechanism in the application, the one {@code tandem.access} names: the
 * container allows one, and the WAR carries both (Tandem's form over accounts, and the container's
 * OpenID Connect). Keeps the LDAP directory's identity store out unless one is configured.
 * Decided as the application starts.
 */
public class SignInChoice implements Extension {

    void keepTheConfiguredOne(@Observes ProcessAnnotatedType<?> type) {
        Class<?> found = type.getAnnotatedType().getJavaClass();
        if (found == DirectorySignIn.class) {
            if (ConfigProvider.getConfig().getOptionalValue("tandem.ldap.url", String.class)
                    .filter(url -> !url.isBlank()).isEmpty()) {
                type.veto(); // no directory configured
            }
            return;
        }
        if (found != SignInMechanism.class && found != OpenIdSignIn.class) {
            return;
        }
        boolean openId = ConfigProvider.getConfig().getOptionalValue("tandem.access", String.class)
                .map(mode -> mode.strip().toLowerCase(Locale.ROOT)).filter("oidc"::equals).isPresent();
        if ((found == OpenIdSignIn.class) != openId) {
            type.veto();
        }
    }
}

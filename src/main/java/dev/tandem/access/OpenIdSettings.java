package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OpenID Connect provider Tandem signs people in with ({@code tandem.access=oidc}), from
 * MicroProfile Config; {@link OpenIdSignIn}'s definition reads it by name.
 */
@ApplicationScoped
@Named("tandemOpenId")
public class OpenIdSettings {
    /** The provider's issuer; its discovery document is at {@code <issuer>/.well-known/openid-configuration}. */
    @Inject
    @ConfigProperty(name = "tandem.oidc.provider")
    Optional<String> provider;

    @Inject
    @ConfigProperty(name = "tandem.oidc.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "tandem.oidc.client-secret")
    Optional<String> clientSecret;

    public String getProviderUri() {
        return provider.orElse("");
    }

    public String getClientId() {
        return clientId.orElse("");
    }

    public String getClientSecret() {
        return clientSecret.orElse("");
    }
}

package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * Sign-in through the company's OpenID Connect provider ({@code tandem.access=oidc}), by the
 * container's own mechanism: {@code /sso} sends people to the provider and takes them back. The
 * user name is the {@code preferred_username} claim, the name others see the {@code name} claim.
 * Only one sign-in mechanism may be active: {@link SignInChoice} keeps this one out unless it is
 * the one configured.
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${tandemOpenId.providerUri}",
        clientId = "${tandemOpenId.clientId}",
        clientSecret = "${tandemOpenId.clientSecret}",
        redirectURI = "${baseURL}/sso",
        redirectToOriginalResource = false,
        scope = {"openid", "email", "profile"},
        claimsDefinition = @ClaimsDefinition(callerNameClaim = "preferred_username", callerGroupsClaim = "groups"))
public class OpenIdSignIn {
}

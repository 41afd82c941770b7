package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.HashSet;
import java.util.Set;

/**
 * The container's identity store over Tandem's accounts: a user name and password are checked
 * against the database; administrators are in the group {@value #ADMINS}.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {
    public static final String ADMINS = "tandem-admin";

    @Inject
    Accounts accounts;

    private static Set<String> groupsOf(Account account) {
        Set<String> groups = new HashSet<>(account.groups());
        if (account.admin()) {
            groups.add(ADMINS);
        }
        return groups;
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return accounts.verify(password.getCaller(), password.getPassword().getValue())
                .map(account -> new CredentialValidationResult(account.username(), groupsOf(account)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}

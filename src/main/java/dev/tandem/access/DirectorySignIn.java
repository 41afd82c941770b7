package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.LdapIdentityStoreDefinition;

/**
 * The company's LDAP directory as one of the container's identity stores, beside Tandem's own
 * accounts: the sign-in form's user name and password are checked against it too, and a person's
 * groups are the directory's groups that list them. Only there when {@code tandem.ldap.url} is set
 * ({@link SignInChoice}).
 */
@ApplicationScoped
@LdapIdentityStoreDefinition(
        url = "${tandemLdap.url}",
        bindDn = "${tandemLdap.bindDn}",
        bindDnPassword = "${tandemLdap.bindPassword}",
        callerNameAttribute = "uid",
        callerBaseDn = "${tandemLdap.people}",
        groupSearchBase = "${tandemLdap.groups}",
        groupMemberAttribute = "member",
        groupNameAttribute = "cn")
public class DirectorySignIn {
}

package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Hashtable;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The company's LDAP directory, where people may sign in with their directory password
 * ({@code tandem.ldap.url} set): the settings {@link DirectorySignIn}'s definition reads by name,
 * and the one thing the container's identity store does not say, the name a person goes by.
 */
@ApplicationScoped
@Named("tandemLdap")
public class Directory {
    private static final Logger LOG = Logger.getLogger(Directory.class.getName());

    @Inject
    @ConfigProperty(name = "tandem.ldap.url")
    Optional<String> url;

    /** Whom Tandem binds as to search the directory (empty: anonymously). */
    @Inject
    @ConfigProperty(name = "tandem.ldap.bind-dn")
    Optional<String> bindDn;

    @Inject
    @ConfigProperty(name = "tandem.ldap.bind-password")
    Optional<String> bindPassword;

    /** Where people's entries are: their DN is {@code uid=<user name>,<this>}. */
    @Inject
    @ConfigProperty(name = "tandem.ldap.people")
    Optional<String> people;

    /** Where groups are: entries whose {@code member} names a person's DN, named by their {@code cn}. */
    @Inject
    @ConfigProperty(name = "tandem.ldap.groups")
    Optional<String> groups;

    public String getUrl() {
        return url.orElse("");
    }

    public String getBindDn() {
        return bindDn.orElse("");
    }

    public String getBindPassword() {
        return bindPassword.orElse("");
    }

    public String getPeople() {
        return people.orElse("");
    }

    public String getGroups() {
        return groups.orElse("");
    }

    /** The {@code displayName} (or else {@code cn}) of the entry {@code dn}; empty if it cannot be read. */
    public Optional<String> displayName(String dn) {
        if (url.isEmpty() || dn == null) {
            return Optional.empty();
        }
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, url.get());
        if (bindDn.isPresent()) {
            environment.put(Context.SECURITY_AUTHENTICATION, "simple");
            environment.put(Context.SECURITY_PRINCIPAL, bindDn.get());
            environment.put(Context.SECURITY_CREDENTIALS, getBindPassword());
        }
        try {
            InitialDirContext directory = new InitialDirContext(environment);
            try {
                Attributes entry = directory.getAttributes(dn, new String[] {"displayName", "cn"});
                Attribute name = entry.get("displayName") != null ? entry.get("displayName") : entry.get("cn");
                return name == null ? Optional.empty() : Optional.of(String.valueOf(name.get()));
            } finally {
                directory.close();
            }
        } catch (NamingException unreadable) {
            LOG.log(Level.FINE, "no name for " + dn, unreadable);
            return Optional.empty();
        }
    }
}

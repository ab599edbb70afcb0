package dossier.account.boundary;

import dossier.account.control.Directory;
import dossier.account.control.GroupRoles;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The organization's directory as the operator configured it ({@code dossier.ldap.*}, see the README): unset
 * {@code dossier.ldap.url}, and there is none and nothing changes. A setting that cannot work (another scheme, no
 * user base, a filter without {@code {0}}) stops the start-up with the reason.
 */
@ApplicationScoped
public class DirectorySignIn {

    private static final Logger LOG = Logger.getLogger(DirectorySignIn.class.getName());

    @Inject @ConfigProperty(name = "dossier.ldap.url") Optional<String> url;
    @Inject @ConfigProperty(name = "dossier.ldap.starttls", defaultValue = "true") boolean startTls;
    @Inject @ConfigProperty(name = "dossier.ldap.bind-dn") Optional<String> bindDn;
    @Inject @ConfigProperty(name = "dossier.ldap.bind-password") Optional<String> bindPassword;
    @Inject @ConfigProperty(name = "dossier.ldap.user-base") Optional<String> userBase;
    @Inject @ConfigProperty(name = "dossier.ldap.user-filter", defaultValue = "(uid={0})") String userFilter;
    @Inject @ConfigProperty(name = "dossier.ldap.group-base") Optional<String> groupBase;
    @Inject @ConfigProperty(name = "dossier.ldap.group-filter", defaultValue = "(member={0})") String groupFilter;
    @Inject @ConfigProperty(name = "dossier.ldap.member-of-attribute", defaultValue = "memberOf") String memberOf;
    @Inject @ConfigProperty(name = "dossier.ldap.username-attribute", defaultValue = "uid") String usernameAttribute;
    @Inject @ConfigProperty(name = "dossier.ldap.email-attribute", defaultValue = "mail") String emailAttribute;
    @Inject @ConfigProperty(name = "dossier.ldap.display-name-attribute", defaultValue = "cn") String displayNameAttribute;
    @Inject @ConfigProperty(name = "dossier.ldap.id-attribute") Optional<String> idAttribute;
    @Inject @ConfigProperty(name = "dossier.ldap.email-verified", defaultValue = "true") boolean emailVerified;
    @Inject @ConfigProperty(name = "dossier.ldap.connect-timeout", defaultValue = "5000") long connectTimeoutMs;
    @Inject @ConfigProperty(name = "dossier.ldap.read-timeout", defaultValue = "5000") long readTimeoutMs;
    @Inject @ConfigProperty(name = "dossier.ldap.editor-groups") Optional<String> editorGroups;
    @Inject @ConfigProperty(name = "dossier.ldap.admin-groups") Optional<String> adminGroups;

    private Directory directory;
    private GroupRoles roles;

    /** At start-up, so that settings that cannot work stop the deployment at once, not the first login. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object start) {
        configured();
    }

    @PostConstruct
    void configure() {
        roles = GroupRoles.of(editorGroups.orElse(null), adminGroups.orElse(null));
        if (url.isEmpty() || url.get().isBlank()) {
            return;
        }
        directory = new Directory(new Directory.Settings(URI.create(url.get().strip()), startTls, bindDn.orElse(""),
                bindPassword.orElse(""), userBase.orElse(""), userFilter, groupBase.orElse(""), groupFilter, memberOf,
                usernameAttribute, emailAttribute, displayNameAttribute, idAttribute.orElse(""), emailVerified,
                Duration.ofMillis(connectTimeoutMs), Duration.ofMillis(readTimeoutMs)));
        Directory.Settings s = directory.settings();
        if (!s.tls()) {
            LOG.warning(() -> "The directory at " + s.url() + " is spoken to without TLS (dossier.ldap.starttls=false): passwords "
                    + "cross the network readable. Only for a directory on this machine.");
        }
        LOG.info(() -> "Sign-in through the directory at " + s.url() + (s.tls() ? " over TLS" : "") + ", users under " + s.userBase());
    }

    public boolean configured() {
        return directory != null;
    }

    /** The directory's answer for this name and password; only when {@link #configured()}. */
    Directory.Result authenticate(String username, String password) {
        return directory.authenticate(username, password);
    }

    GroupRoles roles() {
        return roles;
    }
}

package dossier.account.control;

import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The organization's LDAP directory (Active Directory, OpenLDAP…), spoken to through the JDK's JNDI alone: bind as
 * the service account, find the one entry of the name typed, bind as that entry with the password typed, read its
 * groups. Connections are over TLS: {@code ldaps://}, or {@code ldap://} upgraded by StartTLS before any password is
 * sent (the JDK checks the server's certificate and host name); plain {@code ldap://} only when configured so, for a
 * directory on the loopback. Every connection is opened with bounded connect and read timeouts and closed after use.
 */
public final class Directory {

    private static final Logger LOG = Logger.getLogger(Directory.class.getName());
    /** The provider id of identities from the directory. */
    public static final String PROVIDER = "ldap";
    /** The longest name looked up: longer ones are no one's, and are not sent. */
    public static final int NAME_LENGTH = 256;
    /** Attributes that come as bytes (Active Directory's ids): kept as hex. */
    private static final String BINARY = "objectGUID objectSid";

    /**
     * The directory's settings. {@code userFilter} and {@code groupFilter} take {@code {0}} (the name typed, in the
     * user filter; the user's DN, in the group filter) and {@code {1}} (the name typed, in the group filter), each
     * escaped as a filter value (RFC 4515). Without a {@code groupBase}, the groups are the values of
     * {@code memberOfAttribute} on the user's entry.
     */
    public record Settings(URI url, boolean startTls, String bindDn, String bindPassword, String userBase, String userFilter,
                           String groupBase, String groupFilter, String memberOfAttribute, String usernameAttribute,
                           String emailAttribute, String displayNameAttribute, String idAttribute, boolean emailVerified,
                           Duration connectTimeout, Duration readTimeout) {

        public Settings {
            Objects.requireNonNull(url);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
                throw new IllegalArgumentException("dossier.ldap.url must start with ldap:// or ldaps://, not " + url);
            }
            if (scheme.equals("ldaps")) {
                startTls = false; // TLS from the first byte already
            }
            if (userBase == null || userBase.isBlank()) {
                throw new IllegalArgumentException("dossier.ldap.user-base is needed with dossier.ldap.url");
            }
            if (userFilter == null || !userFilter.contains("{0}")) {
                throw new IllegalArgumentException("dossier.ldap.user-filter must contain {0}, the name typed: " + userFilter);
            }
            connectTimeout = bounded(connectTimeout);
            readTimeout = bounded(readTimeout);
        }

        public boolean tls() {
            return startTls || url.getScheme().equalsIgnoreCase("ldaps");
        }

        private static Duration bounded(Duration d) {
            Duration min = Duration.ofMillis(100);
            Duration max = Duration.ofSeconds(30);
            return d == null ? Duration.ofSeconds(5) : d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
        }
    }

    /** What the directory says of a name and a password. */
    public sealed interface Result {
        /** The password is the entry's: the person as the directory knows them. */
        record Found(VerifiedIdentity identity) implements Result {}
        /** The name is one entry's, the password is not. */
        record WrongPassword() implements Result {}
        /** No entry (or more than one) has the name. */
        record Unknown() implements Result {}
        /** The directory could not be asked (down, unreachable, too slow, the service account refused). */
        record Unavailable(String reason) implements Result {}
    }

    private final Settings settings;

    public Directory(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Checks a name and a password against the directory. An empty password is refused before any connection: to
     * LDAP a simple bind with a name and no password is an anonymous bind, which succeeds.
     */
    public Result authenticate(String username, String password) {
        String name = username == null ? "" : username.strip();
        if (password == null || password.isEmpty()) {
            return new Result.WrongPassword();
        }
        if (name.isEmpty() || name.length() > NAME_LENGTH) {
            return new Result.Unknown();
        }
        SearchResult entry;
        Set<String> groups;
        LdapContext service = null;
        try {
            service = connect(settings.bindDn(), settings.bindPassword());
            Optional<SearchResult> found = findUser(service, name);
            if (found.isEmpty()) {
                return new Result.Unknown();
            }
            entry = found.get();
            LdapContext user = null;
            try {
                user = connect(entry.getNameInNamespace(), password);
            } catch (AuthenticationException wrong) {
                return new Result.WrongPassword();
            } finally {
                close(user);
            }
            groups = groups(service, entry, name);
        } catch (AuthenticationException serviceAccount) {
            return unavailable("the service account's bind was refused (check dossier.ldap.bind-dn and bind-password): "
                    + serviceAccount.getExplanation());
        } catch (NamingException | IOException e) {
            return unavailable(describe(e));
        } finally {
            close(service);
        }
        Attributes attributes = entry.getAttributes();
        String dn = entry.getNameInNamespace();
        String login = value(attributes, settings.usernameAttribute()).orElse(name);
        String subject = settings.idAttribute() == null || settings.idAttribute().isBlank()
                ? login.toLowerCase(Locale.ROOT)
                : value(attributes, settings.idAttribute()).orElse(null);
        if (subject == null) {
            return unavailable("the entry " + dn + " has no " + settings.idAttribute() + " (dossier.ldap.id-attribute)");
        }
        return new Result.Found(new VerifiedIdentity(PROVIDER, subject, login,
                value(attributes, settings.displayNameAttribute()).orElse(""),
                value(attributes, settings.emailAttribute()).orElse(""), settings.emailVerified(), groups));
    }

    /** A value as a filter may hold it (RFC 4515): {@code * ( ) \} and NUL written as {@code \2a} and so on. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> out.append("\\2a");
                case '(' -> out.append("\\28");
                case ')' -> out.append("\\29");
                case '\\' -> out.append("\\5c");
                case '\0' -> out.append("\\00");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The filter with {@code {0}} and {@code {1}} replaced by these values, escaped. */
    public static String filter(String template, String first, String second) {
        return template.replace("{0}", escape(first)).replace("{1}", escape(second == null ? "" : second));
    }

    private Optional<SearchResult> findUser(LdapContext service, String name) throws NamingException {
        SearchControls controls = controls(2, settings.usernameAttribute(), settings.emailAttribute(),
                settings.displayNameAttribute(), settings.idAttribute(), settings.groupBase() == null || settings.groupBase().isBlank()
                        ? settings.memberOfAttribute() : null);
        NamingEnumeration<SearchResult> results = service.search(settings.userBase(), filter(settings.userFilter(), name, name), controls);
        try {
            if (!results.hasMore()) {
                return Optional.empty();
            }
            SearchResult first = results.next();
            if (results.hasMore()) {
                LOG.warning(() -> "More than one directory entry matches the name '" + printable(name) + "' (dossier.ldap.user-filter): none may sign in with it");
                return Optional.empty();
            }
            return Optional.of(first);
        } catch (SizeLimitExceededException many) {
            LOG.warning(() -> "More than one directory entry matches the name '" + printable(name) + "' (dossier.ldap.user-filter): none may sign in with it");
            return Optional.empty();
        } finally {
            results.close();
        }
    }

    /** The groups' DNs and their names (the value of each DN's first part, such as the {@code cn}). */
    private Set<String> groups(LdapContext service, SearchResult entry, String name) throws NamingException {
        Set<String> dns = new LinkedHashSet<>();
        if (settings.groupBase() != null && !settings.groupBase().isBlank()) {
            NamingEnumeration<SearchResult> results = service.search(settings.groupBase(),
                    filter(settings.groupFilter(), entry.getNameInNamespace(), name), controls(1000, "cn"));
            try {
                while (results.hasMore()) {
                    SearchResult group = results.next();
                    dns.add(group.getNameInNamespace());
                    value(group.getAttributes(), "cn").ifPresent(dns::add);
                }
            } catch (SizeLimitExceededException many) {
                LOG.warning(() -> "The groups of '" + printable(name) + "' are more than 1000: the first 1000 are used");
            } finally {
                results.close();
            }
        } else {
            Attribute memberOf = entry.getAttributes().get(settings.memberOfAttribute());
            if (memberOf != null) {
                NamingEnumeration<?> values = memberOf.getAll();
                while (values.hasMore()) {
                    dns.add(String.valueOf(values.next()));
                }
            }
        }
        Set<String> groups = new LinkedHashSet<>(dns);
        for (String dn : dns) {
            try {
                LdapName parsed = new LdapName(dn);
                if (!parsed.isEmpty()) {
                    Rdn first = parsed.getRdn(parsed.size() - 1);
                    groups.add(String.valueOf(first.getValue()));
                }
            } catch (javax.naming.InvalidNameException notADn) {
                // a plain name already
            }
        }
        return groups;
    }

    private SearchControls controls(int limit, String... attributes) {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setCountLimit(limit);
        controls.setTimeLimit((int) settings.readTimeout().toMillis());
        controls.setReturningAttributes(java.util.Arrays.stream(attributes).filter(a -> a != null && !a.isBlank())
                .distinct().toArray(String[]::new));
        return controls;
    }

    /**
     * A connection bound as this DN with this password (anonymous when the DN is empty: for a directory that lets
     * anyone search), over TLS unless the settings say otherwise.
     */
    private LdapContext connect(String dn, String password) throws NamingException, IOException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, settings.url().toString());
        env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(settings.connectTimeout().toMillis()));
        env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(settings.readTimeout().toMillis()));
        env.put(Context.REFERRAL, "ignore");
        env.put("java.naming.ldap.attributes.binary", BINARY);
        env.put("java.naming.ldap.version", "3");
        boolean anonymous = dn == null || dn.isBlank();
        if (!settings.startTls()) {
            env.put(Context.SECURITY_AUTHENTICATION, anonymous ? "none" : "simple");
            if (!anonymous) {
                env.put(Context.SECURITY_PRINCIPAL, dn);
                env.put(Context.SECURITY_CREDENTIALS, password == null ? "" : password);
            }
            return new InitialLdapContext(env, null);
        }
        env.put(Context.SECURITY_AUTHENTICATION, "none");
        LdapContext context = new InitialLdapContext(env, null);
        try {
            StartTlsResponse tls = (StartTlsResponse) context.extendedOperation(new StartTlsRequest());
            tls.negotiate();
            if (!anonymous) {
                // The bind goes over the connection that is now encrypted (no reconnect, which would drop TLS).
                context.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
                context.addToEnvironment(Context.SECURITY_PRINCIPAL, dn);
                context.addToEnvironment(Context.SECURITY_CREDENTIALS, password == null ? "" : password);
                context.reconnect(null);
            }
            return context;
        } catch (NamingException | IOException | RuntimeException e) {
            close(context);
            throw e;
        }
    }

    private static Optional<String> value(Attributes attributes, String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Attribute attribute = attributes.get(name);
        try {
            Object value = attribute == null ? null : attribute.get();
            if (value instanceof byte[] bytes) {
                return Optional.of(HexFormat.of().formatHex(bytes));
            }
            return value == null ? Optional.empty() : Optional.of(value.toString());
        } catch (NamingException e) {
            return Optional.empty();
        }
    }

    private Result unavailable(String reason) {
        LOG.warning(() -> "The directory at " + settings.url() + " cannot be used for sign-in: " + reason);
        return new Result.Unavailable(reason);
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = e instanceof CommunicationException ? "cannot connect"
                : e instanceof ServiceUnavailableException ? "the directory is unavailable"
                : e instanceof javax.naming.NameNotFoundException ? "a base DN does not exist (dossier.ldap.user-base, group-base)"
                : e.getClass().getSimpleName();
        return kind + " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    private static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static void close(LdapContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (NamingException ignored) {
                // closing is best effort
            }
        }
    }
}

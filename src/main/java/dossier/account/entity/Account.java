package dossier.account.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** A registered reader, editor or administrator. Usernames are lower-case, so they are unique without regard to case. */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.BY_USERNAME, query = "select distinct a from Account a left join fetch a.roles where a.username = :username")
@NamedQuery(name = Account.COUNT_WITH_ROLE, query = "select count(a) from Account a join a.roles r where r = :role")
@NamedQuery(name = Account.COUNT_WITH_EMAIL, query = "select count(a) from Account a where lower(a.email) = :email and a.id <> :id")
public class Account {

    public static final String BY_USERNAME = "Account.byUsername";
    public static final String COUNT_WITH_ROLE = "Account.countWithRole";
    public static final String COUNT_WITH_EMAIL = "Account.countWithEmail";
    public static final String READER = dossier.site.control.Roles.READER;
    public static final String EDITOR = dossier.site.control.Roles.EDITOR;
    public static final String ADMIN = dossier.site.control.Roles.ADMIN;
    /** How the author of a deleted account's kept comments is shown. */
    public static final String DELETED_NAME = "[deleted account]";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_-]{3,32}");
    /** The longest display name, in characters (code points), after control characters and outer spaces are gone. */
    public static final int DISPLAY_NAME_LENGTH = 60;
    /** Control and format characters (line breaks, bidirectional overrides, zero-width joiners…) and unassigned ones. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}]");

    @Id
    @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 32)
    private String username;

    @Column(nullable = false, length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    /** {@link #READER}, and {@link #EDITOR} and {@link #ADMIN} as granted: the groups Jakarta Security knows. */
    @ElementCollection
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "role", nullable = false, length = 16)
    private Set<String> roles = new HashSet<>();

    @Column(nullable = false)
    private boolean banned;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Sessions begun at or before this instant (epoch milliseconds) are over: "log out everywhere". */
    @Column(name = "sessions_valid_after", nullable = false)
    private long sessionsValidAfter;

    /** When the account last logged in with its password (written by a plain update, see {@code Accounts}). */
    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    /** When the account was deleted: the row stays as a tombstone that its comments still point to. */
    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** When the account's owner opened the link mailed to {@code email}; null while unconfirmed. */
    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    /** How comments show the account beside its username; null: the username alone. */
    @Column(name = "display_name", length = DISPLAY_NAME_LENGTH)
    private String displayName;

    @Version
    private int version;

    protected Account() {
    }

    public Account(String username, String email, String passwordHash, Instant now) {
        this.username = normalize(username);
        if (!isValidUsername(this.username)) {
            throw new IllegalArgumentException("Not a valid username: " + username);
        }
        this.email = Objects.requireNonNull(email).strip();
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.roles.add(READER);
        this.createdAt = now;
    }

    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The username an outside identity proposes, made one this site accepts: lower case, every run of other characters
     * a '-', cut to leave room for a number that makes it unique ({@code -2}, {@code -3}…), "user" when nothing is
     * left; padded to the shortest length.
     */
    public static String usernameFrom(String preferred) {
        String base = java.text.Normalizer.normalize(preferred == null ? "" : preferred, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        int at = base.indexOf('@');
        if (at > 0) {
            base = base.substring(0, at); // an address as the name: its local part
        }
        base = base.replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 24) {
            base = base.substring(0, 24).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "user";
        }
        while (base.length() < 3) {
            base = base + "_";
        }
        return base;
    }

    public static boolean isValidUsername(String normalized) {
        return USERNAME.matcher(normalized).matches();
    }

    public Set<String> roles() {
        return Set.copyOf(roles);
    }

    public void grant(String role) {
        roles.add(Objects.requireNonNull(role));
    }

    public void revoke(String role) {
        roles.remove(role);
    }

    /**
     * The groups this account has for one request ({@link dossier.site.control.Roles}): {@code reader} unless
     * banned, {@code editor} for editors and administrators, {@code admin}, and {@code session} when it came
     * with a password through a browser rather than with a personal API token.
     */
    public Set<String> groups(boolean bySession) {
        return groups(bySession, false);
    }

    /**
     * The groups, when the site demands confirmed addresses ({@code verifiedEmailRequired}): then a reader whose
     * address is not confirmed yet reads and logs in but is no {@code reader} (editors and administrators are
     * trusted as they are).
     */
    public Set<String> groups(boolean bySession, boolean verifiedEmailRequired) {
        Set<String> groups = new HashSet<>();
        if (isDeleted()) {
            return groups;
        }
        if (bySession) {
            groups.add(dossier.site.control.Roles.SESSION);
        }
        if (!banned && !awaitsVerification(verifiedEmailRequired)) {
            groups.add(READER);
        }
        if (isEditor()) {
            groups.add(EDITOR);
        }
        if (isAdmin()) {
            groups.add(ADMIN);
        }
        return groups;
    }

    /** Editors write, publish and moderate; administrators may do all that editors may, and more. */
    public boolean isEditor() {
        return roles.contains(EDITOR) || roles.contains(ADMIN);
    }

    public boolean isAdmin() {
        return roles().contains(ADMIN);
    }

    /** Whether the account may not take part in discussions until its address is confirmed. */
    public boolean awaitsVerification(boolean verifiedEmailRequired) {
        return verifiedEmailRequired && emailVerifiedAt == null && !isEditor();
    }

    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    /** The owner proved they read mail at {@code email} (the link was mailed there). */
    public void verifyEmail(Instant now) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = now;
        }
    }

    public void ban() {
        banned = true;
    }

    public void unban() {
        banned = false;
    }

    public void changePasswordHash(String hash) {
        this.passwordHash = Objects.requireNonNull(hash);
    }

    /** Ends every session of the account begun until now, on every node (each checks at every request). */
    public void endSessions(Instant now) {
        sessionsValidAfter = Math.max(sessionsValidAfter, now.toEpochMilli());
    }

    /** Whether a session begun at this instant (epoch milliseconds) still holds. */
    public boolean acceptsSessionFrom(long loggedInAtMs) {
        return loggedInAtMs > sessionsValidAfter;
    }

    /**
     * How pages and mails show this account as an author, the one rule for it: "Name (@username)" with a display
     * name, "@username" without, and {@link #DELETED_NAME} once the account is deleted. Plain text: templates
     * escape it like any other user string.
     */
    public String byline() {
        if (isDeleted()) {
            return DELETED_NAME;
        }
        return displayName == null ? "@" + username : displayName + " (@" + username + ")";
    }

    /**
     * A display name as the account would keep it: without control or invisible characters, runs of spaces made
     * one, outer spaces gone; empty means none (null).
     *
     * @throws IllegalArgumentException when it is longer than {@link #DISPLAY_NAME_LENGTH} characters
     */
    public static String cleanDisplayName(String name) {
        if (name == null) {
            return null;
        }
        String clean = INVISIBLE.matcher(name).replaceAll("").replaceAll("\\s+", " ").strip();
        if (clean.codePointCount(0, clean.length()) > DISPLAY_NAME_LENGTH) {
            throw new IllegalArgumentException("A display name has at most " + DISPLAY_NAME_LENGTH + " characters.");
        }
        return clean.isEmpty() ? null : clean;
    }

    /** Sets (or with an empty one, clears) the display name, cleaned by {@link #cleanDisplayName}. */
    public void changeDisplayName(String name) {
        this.displayName = cleanDisplayName(name);
    }

    /** The owner proved (by a link mailed there) that they read mail at this new address. */
    public void changeEmail(String newEmail, Instant now) {
        this.email = Objects.requireNonNull(newEmail).strip();
        this.emailVerifiedAt = now;
    }

    /**
     * Deletes the account, keeping the row as a tombstone: the username becomes {@code ~deleted-<id>} (a name no one
     * can register or log in with, so the old one is free again), the address, display name and roles go, the
     * password can match nothing, and every session ends.
     */
    public void delete(Instant now) {
        this.username = "~deleted-" + id;
        this.email = "";
        this.displayName = null;
        this.passwordHash = "!";
        this.roles.clear();
        this.emailVerifiedAt = null;
        this.deletedAt = now;
        endSessions(now);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public Long id() { return id; }
    /** The display name, or null; see {@link #byline()} for how to show the account. */
    public String displayName() { return displayName; }
    public Instant emailVerifiedAt() { return emailVerifiedAt; }
    public String username() { return username; }
    public String email() { return email; }
    public String passwordHash() { return passwordHash; }
    public boolean isBanned() { return banned; }
    public Instant createdAt() { return createdAt; }
    /** Null when it never logged in with its password since that was recorded. */
    public Instant lastLoginAt() { return lastLoginAt; }
}

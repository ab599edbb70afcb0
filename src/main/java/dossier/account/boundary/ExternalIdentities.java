package dossier.account.boundary;

import dossier.account.control.GroupRoles;
import dossier.account.control.SingleUseTokens;
import dossier.account.control.VerifiedIdentity;
import dossier.account.entity.Account;
import dossier.account.entity.ExternalIdentity;
import dossier.audit.boundary.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The accounts behind outside identities, the one home of the rules of signing in through a provider: the identity's
 * account is found, or made (with a username of its own, and an address no other account has); its roles follow the
 * provider's groups at every sign-in; a banned account stays out. A local account is never taken over on the strength
 * of an address: when the provider vouches for an address that an account here has, the reader is offered to link the
 * two by giving that account's password once ({@link #offer}, then {@link #link}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class ExternalIdentities {

    private static final Logger LOG = Logger.getLogger(ExternalIdentities.class.getName());
    /** How long the offer to link an identity to an account stands: long enough to type a password. */
    static final Duration OFFER_VALID = Duration.ofMinutes(10);
    /** Password hash of an account made by a provider: no password matches it, so it has no local login. */
    static final String NO_PASSWORD = "!";

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    AuditLog audit;

    @Inject
    EmailVerifications verifications;

    /** What the provider's identity leads to. */
    public sealed interface Resolution {
        /** The account to sign in. */
        record SignIn(String username) implements Resolution {}
        /** An account here has the address the provider vouches for: the reader may link the two ({@link #link}). */
        record LinkOffered(String token, String username) implements Resolution {}
        /** No sign-in, with what to tell the reader. */
        record Refused(String message) implements Resolution {}
    }

    /** The offer to link an identity, as the link page shows it. */
    public record Offer(String username, String provider, String returnTo) {}

    public Resolution resolve(VerifiedIdentity identity, GroupRoles roles, String returnTo, Instant now) {
        if (identity.provider().isEmpty() || identity.provider().length() > ExternalIdentity.PROVIDER_LENGTH
                || identity.subject().isEmpty() || identity.subject().length() > ExternalIdentity.SUBJECT_LENGTH) {
            LOG.warning(() -> "A sign-in through '" + cut(identity.provider()) + "' was refused: its subject is empty or longer than "
                    + ExternalIdentity.SUBJECT_LENGTH + " characters");
            return new Resolution.Refused("Your sign-in could not be accepted: the identity provider sent an identity this site cannot keep.");
        }
        Optional<ExternalIdentity> known = em.createNamedQuery(ExternalIdentity.BY_SUBJECT, ExternalIdentity.class)
                .setParameter("provider", identity.provider()).setParameter("subject", identity.subject())
                .getResultList().stream().findFirst();
        if (known.isPresent()) {
            Account account = em.find(Account.class, known.get().account().id(), LockModeType.PESSIMISTIC_WRITE);
            if (account.isBanned()) {
                return banned(account);
            }
            known.get().used(now);
            applyRoles(account, roles.governsEditors() ? roles.editor(identity.groups()) : null,
                    roles.governsAdmins() ? roles.admin(identity.groups()) : null, identity.provider());
            return new Resolution.SignIn(account.username());
        }
        boolean validEmail = Accounts.validEmail(identity.email());
        if (validEmail && identity.emailVerified()) {
            Optional<Account> holder = withAddress(identity.email());
            if (holder.isPresent()) {
                if (holder.get().isBanned()) {
                    return banned(holder.get());
                }
                return new Resolution.LinkOffered(offer(holder.get(), identity, roles, returnTo, now), holder.get().username());
            }
        }
        // No account has the address (or the provider did not check it, and then it is left out if another account has it).
        String email = validEmail && !verifications.addressTaken(identity.email(), null) ? identity.email().strip() : "";
        Account account = new Account(uniqueUsername(identity.preferredUsername()), email, NO_PASSWORD, now);
        if (!email.isEmpty() && identity.emailVerified()) {
            account.verifyEmail(now);
        }
        account.changeDisplayName(displayName(identity.displayName()));
        em.persist(account);
        em.persist(new ExternalIdentity(account, identity.provider(), identity.subject(), now));
        applyRoles(account, roles.governsEditors() ? roles.editor(identity.groups()) : null,
                roles.governsAdmins() ? roles.admin(identity.groups()) : null, identity.provider());
        em.flush();
        if (!email.isEmpty() && !identity.emailVerified()) {
            verifications.send(account, now); // as a registration does
        }
        audit.record(account.username(), "account.create-external", "account " + account.username(), "through " + identity.provider());
        LOG.info(() -> "Account '" + account.username() + "' created at its first sign-in through " + identity.provider());
        return new Resolution.SignIn(account.username());
    }

    /** The standing offer to link an identity, for the link page; empty when there is none (or it is over). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Offer> offer(String token, Instant now) {
        return row(token, now).map(r -> new Offer((String) r[1], (String) r[2], (String) r[5]));
    }

    /**
     * Links the offered identity to its account, whose password the reader has just given: used once. The roles the
     * provider's groups gave at the offer are applied.
     *
     * @return the username to sign in, or empty when the offer is over, or the account was banned since
     */
    public Optional<String> link(String token, Instant now) {
        Optional<Object[]> row = row(token, now);
        em.createNativeQuery("DELETE FROM external_link_offer WHERE token_hash = ?1").setParameter(1, hash(token)).executeUpdate();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = row.get();
        Account account = em.find(Account.class, ((Number) r[0]).longValue(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null || account.isDeleted() || account.isBanned()) {
            return Optional.empty();
        }
        String provider = (String) r[2];
        String subject = (String) r[3];
        boolean linkedElsewhere = !em.createNamedQuery(ExternalIdentity.BY_SUBJECT, ExternalIdentity.class)
                .setParameter("provider", provider).setParameter("subject", subject).getResultList().isEmpty();
        if (!linkedElsewhere) {
            em.persist(new ExternalIdentity(account, provider, subject, now));
        }
        String roles = (String) r[4];
        applyRoles(account, roles.contains("editor+") ? Boolean.TRUE : roles.contains("editor-") ? Boolean.FALSE : null,
                roles.contains("admin+") ? Boolean.TRUE : roles.contains("admin-") ? Boolean.FALSE : null, provider);
        audit.record(account.username(), "account.link-external", "account " + account.username(), "to " + provider);
        LOG.info(() -> "Account '" + account.username() + "' linked to its identity at " + provider + " (its password was given)");
        return Optional.of(account.username());
    }

    /** The providers an account is linked to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> providers(Account account) {
        return em.createNamedQuery(ExternalIdentity.OF_ACCOUNT, ExternalIdentity.class).setParameter("account", account)
                .getResultList().stream().map(ExternalIdentity::provider).toList();
    }

    private String offer(Account account, VerifiedIdentity identity, GroupRoles roles, String returnTo, Instant now) {
        em.createNativeQuery("DELETE FROM external_link_offer WHERE expires_ms <= ?1").setParameter(1, now.toEpochMilli()).executeUpdate();
        List<String> granted = new ArrayList<>();
        if (roles.governsEditors()) {
            granted.add(roles.editor(identity.groups()) ? "editor+" : "editor-");
        }
        if (roles.governsAdmins()) {
            granted.add(roles.admin(identity.groups()) ? "admin+" : "admin-");
        }
        String token = SingleUseTokens.newToken();
        em.createNativeQuery("""
                        INSERT INTO external_link_offer (token_hash, account_id, provider, subject, roles, return_to, expires_ms)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, hash(token)).setParameter(2, account.id()).setParameter(3, identity.provider())
                .setParameter(4, identity.subject()).setParameter(5, String.join(",", granted))
                .setParameter(6, dossier.site.control.ReturnAddress.safe(returnTo))
                .setParameter(7, now.plus(OFFER_VALID).toEpochMilli()).executeUpdate();
        LOG.info(() -> "A sign-in through " + identity.provider() + " has the address of the account '" + account.username()
                + "': linking is offered against that account's password");
        return token;
    }

    /** account id, username, provider, subject, roles, return address of a standing offer. */
    private Optional<Object[]> row(String token, Instant now) {
        if (!SingleUseTokens.wellFormed(token)) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("""
                        SELECT o.account_id, a.username, o.provider, o.subject, o.roles, o.return_to FROM external_link_offer o
                        JOIN account a ON a.id = o.account_id WHERE o.token_hash = ?1 AND o.expires_ms > ?2 AND a.deleted_at IS NULL""")
                .setParameter(1, hash(token)).setParameter(2, now.toEpochMilli()).getResultList();
        return rows.stream().map(r -> (Object[]) r).findFirst();
    }

    /** The oldest account in use with this address, case ignored. */
    private Optional<Account> withAddress(String email) {
        return em.createQuery("select a from Account a where lower(a.email) = :email and a.deletedAt is null order by a.id", Account.class)
                .setParameter("email", email.strip().toLowerCase(java.util.Locale.ROOT)).setMaxResults(1)
                .getResultList().stream().findFirst();
    }

    private Resolution banned(Account account) {
        LOG.info(() -> "Sign-in of the banned account '" + account.username() + "' through a provider refused");
        return new Resolution.Refused("Your account on this site is banned, and stays so whatever your organization's sign-in says. "
                + "Ask the site's administrators.");
    }

    /**
     * Sets the roles the provider's groups give ({@code null}: the provider does not govern that role). The last
     * administrator keeps the role, as at {@code /admin/users}: the site is never left without one.
     */
    void applyRoles(Account account, Boolean editor, Boolean admin, String provider) {
        List<String> changes = new ArrayList<>();
        if (editor != null && editor != account.roles().contains(Account.EDITOR)) {
            if (editor) {
                account.grant(Account.EDITOR);
            } else {
                account.revoke(Account.EDITOR);
            }
            changes.add((editor ? "+" : "-") + Account.EDITOR);
        }
        if (admin != null && admin != account.isAdmin()) {
            if (admin) {
                account.grant(Account.ADMIN);
                changes.add("+" + Account.ADMIN);
            } else if (accounts.lockedAdministrators() <= 1) {
                LOG.warning(() -> "'" + account.username() + "' is no longer in the administrators' groups at " + provider
                        + " but stays an administrator: it is the site's last one");
            } else {
                account.revoke(Account.ADMIN);
                changes.add("-" + Account.ADMIN);
            }
        }
        if (!changes.isEmpty()) {
            audit.record(provider, "account.roles-from-groups", "account " + account.username(), String.join(" ", changes));
            LOG.info(() -> "Roles of '" + account.username() + "' set from its groups at " + provider + ": " + String.join(" ", changes));
        }
    }

    /** A username no account has, from the one the provider proposes: the rules of registration, then -2, -3… */
    private String uniqueUsername(String preferred) {
        String base = Account.usernameFrom(preferred);
        String name = base;
        for (int n = 2; accounts.byUsername(name).isPresent(); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    /** The provider's display name as the account keeps one, cut to the longest it may be. */
    private static String displayName(String name) {
        try {
            return Account.cleanDisplayName(name);
        } catch (IllegalArgumentException tooLong) {
            String strip = name.strip();
            return Account.cleanDisplayName(strip.substring(0, strip.offsetByCodePoints(0, Account.DISPLAY_NAME_LENGTH)));
        }
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String hash(String token) {
        return SingleUseTokens.sha256(token);
    }
}

package dossier.account.boundary;

import dossier.site.control.AdminPanel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/** The overview's accounts: how many, with which roles, and how many are banned. */
@ApplicationScoped
public class AccountsPanel implements AdminPanel {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Override
    public int order() {
        return 30;
    }

    @Override
    public State state() {
        long accounts = count("select count(a) from Account a where a.deletedAt is null");
        long banned = count("select count(a) from Account a where a.deletedAt is null and a.banned = true");
        long editors = withRole(dossier.account.entity.Account.EDITOR);
        long admins = withRole(dossier.account.entity.Account.ADMIN);
        return new State("Accounts", "/admin/users", List.of(accounts + " accounts, " + banned + " banned",
                editors + " editors, " + admins + " administrators"), "");
    }

    private long count(String jpql) {
        return em.createQuery(jpql, Long.class).getSingleResult();
    }

    private long withRole(String role) {
        return em.createNamedQuery(dossier.account.entity.Account.COUNT_WITH_ROLE, Long.class).setParameter("role", role)
                .getSingleResult();
    }
}

package dossier.comment.boundary;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.comment.control.UnsubscribeTokens;
import dossier.comment.entity.NotificationSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import dossier.site.boundary.SiteSecrets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each reader wants to hear of: the notification settings, the articles followed, and the signed links that
 * unsubscribe without logging in, signed with the site's own key ({@link SiteSecrets}), the same on every node.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Subscriptions {

    static final String KEY_NAME = "unsubscribe-hmac";
    /** Followed articles shown on the settings page. */
    public static final int FOLLOWS_SHOWN = 200;

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    SiteSecrets secrets;

    private volatile UnsubscribeTokens tokens;

    /** An article a reader follows, as the settings page lists it. */
    public record Followed(long articleId, String slug, String title) {
    }

    public NotificationSetting of(Account account) {
        NotificationSetting s = em.find(NotificationSetting.class, account.id());
        return s != null ? s : NotificationSetting.defaults(account.id());
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void change(Account account, NotificationSetting.Delivery delivery, boolean followOnComment) {
        NotificationSetting s = em.find(NotificationSetting.class, account.id());
        if (s == null) {
            em.persist(new NotificationSetting(account.id(), delivery, followOnComment));
        } else {
            s.change(delivery, followOnComment);
        }
    }

    public boolean follows(Account account, Article article) {
        return !em.createNativeQuery("SELECT 1 FROM article_follow WHERE account_id = ?1 AND article_id = ?2")
                .setParameter(1, account.id()).setParameter(2, article.id()).getResultList().isEmpty();
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void follow(Account account, Article article, Instant now) {
        if (!follows(account, article)) {
            em.createNativeQuery("INSERT INTO article_follow (account_id, article_id, created_ms) VALUES (?1, ?2, ?3)")
                    .setParameter(1, account.id()).setParameter(2, article.id()).setParameter(3, now.toEpochMilli())
                    .executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public boolean unfollow(long accountId, long articleId) {
        return em.createNativeQuery("DELETE FROM article_follow WHERE account_id = ?1 AND article_id = ?2")
                .setParameter(1, accountId).setParameter(2, articleId).executeUpdate() > 0;
    }

    /**
     * A reader's first comment under an article follows it, unless the reader said otherwise: one statement, in
     * the notifier's transaction (under its lock, so two first posts at once cannot both insert). True when it followed now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean followOnFirstComment(long accountId, long articleId, long commentId, Instant now) {
        return em.createNativeQuery("""
                        INSERT INTO article_follow (account_id, article_id, created_ms) SELECT ?1, ?2, ?3 FROM notification_clock
                        WHERE id = 1
                        AND NOT EXISTS (SELECT 1 FROM article_follow WHERE account_id = ?1 AND article_id = ?2)
                        AND NOT EXISTS (SELECT 1 FROM comment WHERE article_id = ?2 AND author_id = ?1 AND id < ?4)
                        AND NOT EXISTS (SELECT 1 FROM notification_setting WHERE account_id = ?1 AND follow_on_comment = FALSE)""")
                .setParameter(1, accountId).setParameter(2, articleId).setParameter(3, now.toEpochMilli())
                .setParameter(4, commentId).executeUpdate() > 0;
    }

    /** The articles this reader follows, by title. */
    public List<Followed> followed(Account account) {
        List<Followed> list = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT a.id, a.slug, a.title FROM article a JOIN article_follow f ON f.article_id = a.id
                        WHERE f.account_id = ?1 ORDER BY a.title, a.id""")
                .setParameter(1, account.id()).setMaxResults(FOLLOWS_SHOWN).getResultList();
        for (Object[] row : rows) {
            list.add(new Followed(((Number) row[0]).longValue(), (String) row[1], (String) row[2]));
        }
        return list;
    }

    /** The address that unsubscribes this reader from everything, or from following this article. */
    public String token(long accountId, Long articleId) {
        return tokens().sign(new UnsubscribeTokens.Scope(accountId, articleId));
    }

    /** The scope of a token, if it is well-formed, rightly signed and its account still exists. */
    public Optional<UnsubscribeTokens.Scope> scope(String token) {
        return tokens().verify(token).filter(s -> em.find(Account.class, s.accountId()) != null);
    }

    /**
     * Unsubscribes as the link says: a link from a followed discussion's mail stops following that article; any
     * other (a reply, a mention, a digest) stops every notification mail ({@code NEVER}). Doing it twice changes
     * nothing more.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<UnsubscribeTokens.Scope> unsubscribe(String token) {
        Optional<UnsubscribeTokens.Scope> scope = scope(token);
        scope.ifPresent(s -> {
            if (s.everything()) {
                NotificationSetting setting = em.find(NotificationSetting.class, s.accountId());
                if (setting == null) {
                    NotificationSetting stopped = NotificationSetting.defaults(s.accountId());
                    stopped.stopMail();
                    em.persist(stopped);
                } else {
                    setting.stopMail();
                }
            } else {
                unfollow(s.accountId(), s.articleId());
            }
        });
        return scope;
    }

    /** The article a follow link is about (for the confirmation page), if it still exists. */
    public Optional<Article> article(long id) {
        return Optional.ofNullable(em.find(Article.class, id));
    }

    UnsubscribeTokens tokens() {
        UnsubscribeTokens t = tokens;
        if (t == null) {
            tokens = t = new UnsubscribeTokens(secrets.key(KEY_NAME));
        }
        return t;
    }
}

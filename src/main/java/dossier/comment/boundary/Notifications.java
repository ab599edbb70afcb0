package dossier.comment.boundary;

import dossier.account.boundary.EmailVerifications;
import dossier.account.entity.Account;
import dossier.comment.control.Mentions;
import dossier.comment.entity.Comment;
import dossier.comment.entity.NotificationSetting;
import dossier.mail.boundary.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Mails about comments: to the author of the comment replied to, to every reader named with {@code @username}
 * (at most {@link Mentions#MAX}), and to the readers who follow the article; each reader at most once per comment,
 * nobody about their own comment, and only readers who can be mailed (not banned; with a confirmed address while
 * the site requires one). A comment is queued in the transaction that makes it visible (posted, or approved by a
 * moderator; held and hidden comments notify nobody); the notifier then turns it into mails, or digest lines for
 * readers on the daily digest, under the lock of the {@code notification_clock} row, once for the whole cluster,
 * so that posting costs one row however many readers follow the article. The author's first visible comment under
 * an article follows it then too (unless the author turned that off). The digests go out once a day at
 * {@code dossier.notifications.digest-hour} (UTC).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());
    /** Queued comments turned into mails per transaction. */
    static final int BATCH = 100;
    /** Comments listed in one digest; the rest are counted. */
    public static final int DIGEST_ITEMS = 100;
    static final int EXCERPT = 300;

    /** Why a reader hears of a comment, the first that applies. */
    public enum Reason { REPLY, MENTION, FOLLOW }

    /** A comment as a notification shows it. */
    public record Item(String reason, String author, String articleTitle, String excerpt, String link) {
    }

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Subscriptions subscriptions;

    @Inject
    EmailVerifications verifications;

    @Inject
    @ConfigProperty(name = "dossier.notifications.digest-hour", defaultValue = "7")
    int digestHour;

    /** The comment is visible now: its readers are told soon (in this transaction: nothing if it rolls back). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(Comment comment, Instant now) {
        em.createNativeQuery("""
                        INSERT INTO notification_queue (comment_id, queued_ms) SELECT ?1, ?2 FROM notification_clock
                        WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM notification_queue WHERE comment_id = ?1)""")
                .setParameter(1, comment.id()).setParameter(2, now.toEpochMilli()).executeUpdate();
    }

    /** Whether any comment waits to be told (read without a lock: the cheap check of every tick). */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean anyQueued() {
        return !em.createNativeQuery("SELECT comment_id FROM notification_queue").setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Turns up to {@link #BATCH} queued comments into mails and digest lines, under the lock of the clock row
     * (one notifier at a time in the cluster), and takes them off the queue in the same transaction: each reader is
     * told once.
     *
     * @return how many queued comments were handled
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int notifyQueued(Instant now) {
        em.createNativeQuery("SELECT last_digest_ms FROM notification_clock WHERE id = 1 FOR UPDATE").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> queued = em.createNativeQuery("SELECT comment_id, queued_ms FROM notification_queue ORDER BY queued_ms, comment_id")
                .setMaxResults(BATCH).getResultList();
        if (queued.isEmpty()) {
            return 0;
        }
        // The whole batch in a few statements (its comments, the followers of their articles), not a few per comment:
        // the notifier shares the machine with the readers who post.
        List<Long> ids = queued.stream().map(row -> ((Number) row[0]).longValue()).toList();
        Map<Long, Comment> comments = new HashMap<>();
        for (Comment c : em.createQuery("select c from Comment c join fetch c.author join fetch c.article where c.id in :ids",
                Comment.class).setParameter("ids", ids).getResultList()) {
            comments.put(c.id(), c);
        }
        Map<Long, List<long[]>> followers = followers(comments.values().stream().map(c -> c.article().id()).distinct().toList());
        for (Object[] row : queued) {
            Comment comment = comments.get(((Number) row[0]).longValue());
            // Hidden or deleted before its turn came: nobody hears of it.
            if (comment != null && comment.status() == Comment.Status.VISIBLE) {
                List<long[]> ofArticle = followers.computeIfAbsent(comment.article().id(), k -> new ArrayList<>());
                tell(comment, ((Number) row[1]).longValue(), ofArticle, now);
                long author = comment.author().id();
                // Here rather than in the post: under this lock, parallel first posts cannot follow twice.
                if (ofArticle.stream().noneMatch(f -> f[0] == author)
                        && subscriptions.followOnFirstComment(author, comment.article().id(), comment.id(), now)) {
                    ofArticle.add(new long[] {author, now.toEpochMilli()});
                }
            }
        }
        em.createNativeQuery("DELETE FROM notification_queue WHERE comment_id IN (" + numbers(ids) + ")").executeUpdate();
        return queued.size();
    }

    /** Who follows each of these articles, and since when (epoch ms): {account, since} pairs by article. */
    private Map<Long, List<long[]>> followers(List<Long> articleIds) {
        Map<Long, List<long[]>> byArticle = new HashMap<>();
        if (articleIds.isEmpty()) {
            return byArticle;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT article_id, account_id, created_ms FROM article_follow WHERE article_id IN ("
                + numbers(articleIds) + ")").getResultList();
        for (Object[] row : rows) {
            byArticle.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>())
                    .add(new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
        }
        return byArticle;
    }

    /** Ids read from the database, written into a statement's IN list (numbers only, so nothing to escape). */
    private static String numbers(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private void tell(Comment comment, long queuedMs, List<long[]> followers, Instant now) {
        Map<Long, Reason> whom = recipients(comment, queuedMs, followers);
        if (whom.isEmpty()) {
            return;
        }
        List<Account> accounts = em.createQuery("select a from Account a where a.id in :ids", Account.class)
                .setParameter("ids", whom.keySet()).getResultList();
        Map<Long, NotificationSetting> settings = settings(whom.keySet());
        boolean verifiedOnly = verifications.required();
        for (Account reader : accounts) {
            if (!hearsOfComments(reader, verifiedOnly)) {
                continue;
            }
            Reason reason = whom.get(reader.id());
            NotificationSetting.Delivery delivery = settings.getOrDefault(reader.id(), NotificationSetting.defaults(reader.id())).delivery();
            switch (delivery) {
                case NEVER -> { }
                case DIGEST -> em.createNativeQuery("""
                                INSERT INTO pending_notification (account_id, comment_id, reason, created_ms)
                                VALUES (?1, ?2, ?3, ?4)""")
                        .setParameter(1, reader.id()).setParameter(2, comment.id()).setParameter(3, reason.name())
                        .setParameter(4, now.toEpochMilli()).executeUpdate();
                case IMMEDIATE -> mail(reader, reason, comment);
            }
        }
    }

    /** Whether mail about comments may go to this reader at all: not deleted (no address), not banned, confirmed if asked. */
    private static boolean hearsOfComments(Account reader, boolean verifiedOnly) {
        return !reader.isDeleted() && !reader.isBanned() && (!verifiedOnly || reader.isEmailVerified());
    }

    /**
     * Who hears of this comment and why: the first reason that applies to each reader; never its author. Followers
     * are those who followed the article when the comment became visible.
     */
    Map<Long, Reason> recipients(Comment comment, long visibleMs, List<long[]> followers) {
        Map<Long, Reason> whom = new LinkedHashMap<>();
        if (comment.parentId() != null) {
            Comment parent = em.find(Comment.class, comment.parentId());
            if (parent != null && parent.status() != Comment.Status.DELETED) {
                whom.put(parent.author().id(), Reason.REPLY);
            }
        }
        Set<String> named = Mentions.in(comment.markdown());
        if (!named.isEmpty()) {
            for (Long id : em.createQuery("select a.id from Account a where a.username in :names", Long.class)
                    .setParameter("names", named).getResultList()) {
                whom.putIfAbsent(id, Reason.MENTION);
            }
        }
        for (long[] follower : followers) {
            if (follower[1] <= visibleMs) {
                whom.putIfAbsent(follower[0], Reason.FOLLOW);
            }
        }
        whom.remove(comment.author().id());
        return whom;
    }

    private Map<Long, NotificationSetting> settings(Collection<Long> accountIds) {
        Map<Long, NotificationSetting> settings = new HashMap<>();
        for (NotificationSetting s : em.createQuery("select s from NotificationSetting s where s.accountId in :ids",
                NotificationSetting.class).setParameter("ids", accountIds).getResultList()) {
            settings.put(s.accountId(), s);
        }
        return settings;
    }

    private void mail(Account reader, Reason reason, Comment comment) {
        Item item = item(reason, comment);
        // A followed discussion's mail unsubscribes from that discussion; a reply's or a mention's from all mails.
        Long article = reason == Reason.FOLLOW ? comment.article().id() : null;
        String subject = switch (reason) {
            case REPLY -> "@" + item.author() + " replied to you under “" + item.articleTitle() + "”";
            case MENTION -> "@" + item.author() + " mentioned you under “" + item.articleTitle() + "”";
            case FOLLOW -> "New comment under “" + item.articleTitle() + "”";
        };
        outbox.enqueue(reader.email(), subject, "comment-notification", Map.of(
                "username", reader.username(),
                "item", item,
                "followed", article != null,
                "settings", outbox.link("/account/notifications")), unsubscribeLink(reader.id(), article));
    }

    private String unsubscribeLink(long accountId, Long articleId) {
        return outbox.link("/unsubscribe?t=" + subscriptions.token(accountId, articleId));
    }

    private Item item(Reason reason, Comment comment) {
        String text = comment.markdown().replaceAll("\\s+", " ").strip();
        if (text.length() > EXCERPT) {
            text = text.substring(0, EXCERPT - 1) + "…";
        }
        return new Item(reason.name().toLowerCase(java.util.Locale.ROOT), comment.author().username(),
                comment.article().title(), text, outbox.link("/comments/" + comment.id()));
    }

    // --- the daily digest ---

    /** The latest time digests were due at or before {@code now}: today's digest hour (UTC), or yesterday's. */
    Instant lastDue(Instant now) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS).plusSeconds(LocalTime.of(Math.floorMod(digestHour, 24), 0).toSecondOfDay());
        return today.isAfter(now) ? today.minus(1, ChronoUnit.DAYS) : today;
    }

    /** Whether digests are due and not sent yet (read without a lock: the cheap check of every tick). */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean digestsDue(Instant now) {
        long last = ((Number) em.createNativeQuery("SELECT last_digest_ms FROM notification_clock WHERE id = 1")
                .getSingleResult()).longValue();
        return last < lastDue(now).toEpochMilli();
    }

    /**
     * Sends the day's digests if they are due and no node has sent them yet: under the lock of the clock row, one
     * mail per reader with waiting lines (listing up to {@link #DIGEST_ITEMS} comments still visible), the lines
     * removed and the time noted in the same transaction, so each digest goes out once.
     *
     * @return how many digests were put in the outbox (0 when none were due)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int sendDigests(Instant now) {
        long last = ((Number) em.createNativeQuery("SELECT last_digest_ms FROM notification_clock WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
        if (last >= lastDue(now).toEpochMilli()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT account_id, comment_id, reason FROM pending_notification
                        ORDER BY account_id, created_ms, comment_id""").getResultList();
        Map<Long, List<Object[]>> byReader = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byReader.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add(row);
        }
        Map<Long, NotificationSetting> settings = settings(byReader.isEmpty() ? List.of(-1L) : byReader.keySet());
        boolean verifiedOnly = verifications.required();
        int sent = 0;
        for (Map.Entry<Long, List<Object[]>> e : byReader.entrySet()) {
            Account reader = em.find(Account.class, e.getKey());
            NotificationSetting setting = settings.get(e.getKey());
            // A reader who chose "never" since hears nothing more; one who went back to "immediately" gets this last digest.
            if (reader == null || !hearsOfComments(reader, verifiedOnly)
                    || setting != null && setting.delivery() == NotificationSetting.Delivery.NEVER) {
                continue;
            }
            List<Item> items = new ArrayList<>();
            int more = 0;
            for (Object[] row : e.getValue()) {
                Comment c = em.find(Comment.class, ((Number) row[1]).longValue());
                if (c != null && c.status() == Comment.Status.VISIBLE) {
                    if (items.size() < DIGEST_ITEMS) {
                        items.add(item(Reason.valueOf((String) row[2]), c));
                    } else {
                        more++;
                    }
                }
            }
            if (items.isEmpty()) {
                continue;
            }
            outbox.enqueue(reader.email(), items.size() == 1 ? "1 new comment for you" : items.size() + " new comments for you",
                    "notification-digest", Map.of("username", reader.username(), "items", items,
                            "more", more,
                            "settings", outbox.link("/account/notifications")), unsubscribeLink(reader.id(), null));
            sent++;
        }
        em.createNativeQuery("DELETE FROM pending_notification").executeUpdate();
        em.createNativeQuery("UPDATE notification_clock SET last_digest_ms = ?1 WHERE id = 1").setParameter(1, now.toEpochMilli())
                .executeUpdate();
        int digests = sent;
        if (digests > 0) {
            LOG.info(() -> digests + " notification digest(s) put in the outbox");
        }
        return digests;
    }
}

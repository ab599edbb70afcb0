package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.entity.Article;
import dossier.article.entity.Body;
import dossier.article.entity.Outline;
import dossier.article.entity.Status;
import dossier.testing.BothDatabases;
import dossier.testing.BothDatabases.Database;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Flyway migrations and the JPA mappings, through the real persistence unit with EclipseLink, on an
 * in-memory H2 and on a throwaway PostgreSQL cluster: the same tests, both databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticlePersistenceTest {


    private static final dossier.testing.Events<dossier.article.entity.ArticlesChanged> events = new dossier.testing.Events<>();
    private BothDatabases databases;

    @BeforeAll
    void start() throws Exception {
        databases = BothDatabases.start();
    }

    @AfterAll
    void stop() throws Exception {
        databases.close();
    }

    Stream<Database> databases() {
        return databases.stream();
    }

    private static void inTransaction(Database db, Consumer<ArticleBeans> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(ArticleBeans.on(em, events));
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static <T> T read(Database db, java.util.function.Function<ArticleBeans, T> query) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return query.apply(ArticleBeans.on(em, events));
        } finally {
            em.close();
        }
    }

    private static ArticleSource source(String slug, Status status, Instant published, List<String> tags, String markdown) {
        Body body = new Body("<p>" + markdown + "</p>", List.of(new Outline.Entry(2, "costs", "Costs")), markdown, 3);
        return new ArticleSource(slug, "Title of " + slug, "Summary", "Editorial team", tags, status, published,
                null, markdown, body, "files/" + slug + ".md", "hash-" + markdown.hashCode(), true);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void storesAnArticleWithTagsAndReadsItBackWhole(Database db) {
        String slug = unique("tco");
        String longText = "x".repeat(200_000) + " ünïcødé 中文";
        Instant published = Instant.parse("2026-11-20T09:30:00Z");
        inTransaction(db, a -> a.imports.store(List.of(source(slug, Status.PUBLISHED, published,
                List.of("On Premise", "economics"), longText)), Instant.now()));

        Article article = read(db, a -> a.articles.visible(slug, Instant.now())).orElseThrow();
        assertEquals("Title of " + slug, article.title());
        assertEquals(longText, article.markdown());
        assertEquals(published, article.publishedAt());
        assertEquals(List.of("economics", "on-premise"), article.tagNames());
        assertEquals(List.of(new Outline.Entry(2, "costs", "Costs")), article.outline());
        assertEquals(1, article.version());
        assertTrue(events.fired.stream().anyMatch(e -> e.ids().contains(article.id())), "search and caches are told");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUpdateKeepsTheIdentityAndBumpsTheVersion(Database db) {
        String slug = unique("edit");
        Instant now = Instant.now();
        inTransaction(db, a -> a.imports.store(List.of(source(slug, Status.PUBLISHED, now, List.of("a"), "first")), now));
        long id = read(db, a -> a.articles.visible(slug, Instant.now())).orElseThrow().id();
        inTransaction(db, a -> a.imports.store(List.of(source(slug, Status.PUBLISHED, now, List.of("b"), "second")), now));

        Article article = read(db, a -> a.articles.visible(slug, Instant.now())).orElseThrow();
        assertEquals(id, article.id());
        assertEquals("second", article.markdown());
        assertEquals(List.of("b"), article.tagNames());
        assertEquals(2, article.version());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void draftsAndFutureArticlesAreNotVisible(Database db) {
        String draft = unique("draft");
        String future = unique("future");
        String tag = unique("vis");
        Instant now = Instant.now();
        inTransaction(db, a -> a.imports.store(List.of(
                source(draft, Status.DRAFT, now.minus(1, ChronoUnit.DAYS), List.of(tag), "d"),
                source(future, Status.PUBLISHED, now.plus(1, ChronoUnit.DAYS), List.of(tag), "f")), now));

        assertTrue(read(db, a -> a.articles.visible(draft, Instant.now())).isEmpty());
        assertTrue(read(db, a -> a.articles.visible(future, Instant.now())).isEmpty());
        assertEquals(0, read(db, a -> a.articles.tagged(tag, 1, 20, Instant.now())).total());
        assertTrue(read(db, a -> a.articles.visible(future, now.plus(2, ChronoUnit.DAYS))).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void listsNewestFirstInPages(Database db) {
        String tag = unique("page");
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        inTransaction(db, a -> a.imports.store(Stream.iterate(0, i -> i + 1).limit(5)
                .map(i -> source(unique("p" + i), Status.PUBLISHED, base.plus(i, ChronoUnit.DAYS), List.of(tag), "p" + i))
                .toList(), Instant.now()));

        Articles.Slice first = read(db, a -> a.articles.tagged(tag, 1, 2, Instant.now()));
        Articles.Slice last = read(db, a -> a.articles.tagged(tag, 3, 2, Instant.now()));
        assertEquals(5, first.total());
        assertEquals(3, first.pages());
        assertEquals(List.of("p4", "p3"), first.articles().stream().map(Article::markdown).toList());
        assertEquals(List.of("p0"), last.articles().stream().map(Article::markdown).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theDatabaseRefusesTwoArticlesWithOneSlug(Database db) {
        String slug = unique("twice");
        inTransaction(db, a -> a.imports.store(List.of(source(slug, Status.PUBLISHED, Instant.now(), List.of(), "one")), Instant.now()));
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            Article twin = new Article(slug, Instant.now());
            twin.write("Another", "two", new Body("<p>two</p>", List.of(), "two", 1), Instant.now());
            em.persist(twin);
            assertThrows(RuntimeException.class, () -> em.getTransaction().commit());
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void remembersWhereEachArticleCameFrom(Database db) {
        String slug = unique("src");
        inTransaction(db, a -> a.imports.store(List.of(source(slug, Status.PUBLISHED, Instant.now(), List.of(), "text")), Instant.now()));
        ImportBatches.Source source = read(db, x -> x.imports.sourcesByPath()).get("files/" + slug + ".md");
        assertEquals(slug, source.slug());
        assertEquals("hash-" + "text".hashCode(), source.hash());
    }

    private static <T> T inTx(Database db, java.util.function.Function<EntityManager, T> work) {
        return dossier.testing.Transactions.inNewEntityManager(db.emf(), work);
    }

    private static ChangeLog changeLog(EntityManager em) {
        ChangeLog log = new ChangeLog();
        log.em = em;
        log.applied = new dossier.testing.Events<>();
        return log;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theChangeLogNumbersLinesInOrderAndKeepsDeletedAddresses(Database db) {
        long before = inTx(db, em -> changeLog(em).newest());
        inTx(db, em -> {
            changeLog(em).record(new dossier.article.entity.ArticlesChanged(List.of(7L, 8L), List.of("gone-slug")));
            return null;
        });
        List<dossier.article.entity.ChangeEntry> lines = inTx(db, em -> changeLog(em).after(before, 100));
        assertEquals(3, lines.size());
        assertEquals(List.of(before + 1, before + 2, before + 3), lines.stream().map(dossier.article.entity.ChangeEntry::id).toList());
        assertEquals(7L, lines.get(0).articleId());
        assertEquals("gone-slug", lines.get(2).slug());
        assertEquals(List.of(before + 2), inTx(db, em -> changeLog(em).withIds(List.of(before + 2, before + 99)))
                .stream().map(dossier.article.entity.ChangeEntry::id).toList());
        // A rolled-back change leaves a number out and no line.
        EntityManager em = db.emf().createEntityManager();
        em.getTransaction().begin();
        changeLog(em).record(dossier.article.entity.ArticlesChanged.saved(List.of(9L)));
        em.getTransaction().rollback();
        em.close();
        inTx(db, e -> {
            changeLog(e).record(dossier.article.entity.ArticlesChanged.saved(List.of(10L)));
            return null;
        });
        List<dossier.article.entity.ChangeEntry> after = inTx(db, e -> changeLog(e).after(before + 3, 100));
        assertEquals(1, after.size());
        assertEquals(10L, after.get(0).articleId());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aScheduledArticleIsAnnouncedOnceHoweverManyNodesAsk(Database db) throws Exception {
        Instant now = Instant.now();
        String slug = unique("scheduled-once");
        inTransaction(db, a -> a.imports.store(List.of(source(slug, Status.PUBLISHED, now.plusSeconds(2), List.of(), "later")), now));
        inTransaction(db, a -> a.scheduled.announce(now)); // sets the clock if it never ran
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            Instant later = now.plusSeconds(3);
            List<java.util.concurrent.Future<List<Long>>> asks = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                asks.add(pool.submit(() -> inTx(db, em -> ArticleBeans.on(em, events).scheduled.announce(later))));
            }
            long id = read(db, a -> a.articles.bySlug(slug)).orElseThrow().id();
            int announced = 0;
            for (var ask : asks) {
                announced += (int) ask.get().stream().filter(x -> x == id).count();
            }
            assertEquals(1, announced, "exactly one of four concurrent clocks announces it");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The clock's new time and the announcement of the articles that went live (their change-log lines) are one
     * transaction: a tick that fails before its commit moves neither, and the next tick announces the same
     * articles, so no node's search index misses one.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void goingLiveAndItsChangeLogLineCommitTogether(Database db) {
        Instant base = Instant.ofEpochMilli(Math.max(System.currentTimeMillis(), inTx(db, em -> clock(em)))).plusSeconds(1);
        String slug = unique("live-with-line");
        inTransaction(db, a -> a.imports.store(List.of(source(slug, Status.PUBLISHED, base.plusSeconds(2), List.of(), "soon")), base));
        long id = read(db, a -> a.articles.bySlug(slug)).orElseThrow().id();
        inTransaction(db, a -> a.scheduled.announce(base)); // the clock stands before the article's time
        long lines = inTx(db, em -> changeLog(em).newest());

        EntityManager failing = db.emf().createEntityManager();
        failing.getTransaction().begin();
        assertEquals(List.of(id), announcer(failing).announce(base.plusSeconds(3)));
        failing.getTransaction().rollback();
        failing.close();
        assertEquals(base.toEpochMilli(), (long) inTx(db, em -> clock(em)), "the clock did not move");
        assertTrue(inTx(db, em -> changeLog(em).after(lines, 100)).stream().noneMatch(l -> Long.valueOf(id).equals(l.articleId())),
                "no line for an announcement that was rolled back");

        assertEquals(List.of(id), inTx(db, em -> announcer(em).announce(base.plusSeconds(3))), "the next tick announces it");
        assertTrue(inTx(db, em -> changeLog(em).after(lines, 100)).stream().anyMatch(l -> Long.valueOf(id).equals(l.articleId())),
                "with its line");
        assertEquals(base.plusSeconds(3).toEpochMilli(), (long) inTx(db, em -> clock(em)));
    }

    /** The clock of scheduled articles, its announcements observed by the change log as in the container. */
    private static ScheduledArticles announcer(EntityManager em) {
        ChangeLog log = changeLog(em);
        return ArticleBeans.on(em, new dossier.testing.Events<>(log::record)).scheduled;
    }

    private static long clock(EntityManager em) {
        return ((Number) em.createNativeQuery("SELECT checked_up_to_ms FROM publishing_clock WHERE id = 1")
                .getSingleResult()).longValue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void failedLoginsAreCountedInTheDatabase(Database db) {
        String key = "account:" + unique("someone");
        Instant now = Instant.now();
        for (int i = 0; i < dossier.account.boundary.LoginThrottle.LIMIT; i++) {
            inTx(db, em -> {
                throttle(em).record(now, dossier.account.boundary.LoginThrottle.newAttempt(key));
                return null;
            });
        }
        assertTrue(inTx(db, em -> throttle(em).retryAfter(now, key)).isZero(), "the fifth failure is still within the limit");
        var sixth = dossier.account.boundary.LoginThrottle.newAttempt(key);
        inTx(db, em -> {
            throttle(em).record(now, sixth);
            return null;
        });
        java.time.Duration wait = inTx(db, em -> throttle(em).retryAfter(now.plusSeconds(1), key));
        assertTrue(wait.toMinutes() >= 14, "refused for the rest of the window: " + wait);
        assertTrue(inTx(db, em -> throttle(em).retryAfter(now.plus(java.time.Duration.ofMinutes(16)), key)).isZero());
        inTx(db, em -> {
            throttle(em).withdraw(sixth);
            return null;
        });
        assertTrue(inTx(db, em -> throttle(em).retryAfter(now, key)).isZero(), "a refused attempt is taken back");
        inTx(db, em -> {
            throttle(em).succeeded(sixth, key);
            return null;
        });
        assertEquals(0L, (long) inTx(db, em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM login_failure WHERE throttle_key = ?1")
                .setParameter(1, key).getSingleResult()).longValue()), "a success forgives the account's failures");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void guessesSentAtOnceAreCountedBeforeAnyIsChecked(Database db) throws Exception {
        String key = "account:" + unique("guessed");
        Instant now = Instant.now();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> checked = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                checked.add(pool.submit(() -> {
                    start.await();
                    // The steps of LoginThrottle.attempt, each in a transaction of its own as in the container.
                    var attempt = dossier.account.boundary.LoginThrottle.newAttempt(key);
                    inTx(db, em -> {
                        throttle(em).record(now, attempt);
                        return null;
                    });
                    boolean allowed = inTx(db, em -> throttle(em).retryAfter(now, key)).isZero();
                    if (!allowed) {
                        inTx(db, em -> {
                            throttle(em).withdraw(attempt);
                            return null;
                        });
                    }
                    return allowed;
                }));
            }
            start.countDown();
            int allowed = 0;
            for (var c : checked) {
                allowed += c.get() ? 1 : 0;
            }
            assertTrue(allowed <= dossier.account.boundary.LoginThrottle.LIMIT, allowed + " of 20 went ahead");
        } finally {
            pool.shutdownNow();
        }
    }

    @org.junit.jupiter.api.Test
    void throttleKeysAreBoundedWhateverTheClientSends() {
        String longName = "x".repeat(100_000);
        String key = dossier.account.boundary.LoginThrottle.key("account:", longName);
        assertTrue(key.length() <= 100, key);
        assertEquals(key, dossier.account.boundary.LoginThrottle.key("account:", longName), "the same name, the same key");
        assertTrue(!key.equals(dossier.account.boundary.LoginThrottle.key("account:", longName + "y")));
        assertEquals("account:alice", dossier.account.boundary.LoginThrottle.key("account:", "alice"));
    }

    private static dossier.account.boundary.LoginThrottle throttle(EntityManager em) {
        return dossier.account.boundary.LoginThrottles.on(em, 5);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRenamedArticleAnswersAtItsOldSlugsAndKeepsEveryRevision(Database db) {
        String a = unique("rename-a");
        String b = unique("rename-b");
        Instant now = Instant.now();
        inTransaction(db, x -> x.imports.store(List.of(source(a, Status.PUBLISHED, now, List.of("x"), "one")), now));
        int version = read(db, x -> x.articles.bySlug(a)).orElseThrow().version();
        inTx(db, em -> ArticleBeans.on(em, events).edits.save(a, source(b, Status.PUBLISHED, now, List.of("x"), "two"),
                version, "chief", dossier.article.entity.Revision.Origin.BROWSER, "renamed"));
        assertEquals(b, read(db, x -> x.articles.redirected(a)).orElseThrow().slug());
        assertTrue(read(db, x -> x.articles.bySlug(a)).isEmpty());
        List<Integer> numbers = read(db, x -> x.edits.revisions(x.articles.bySlug(b).orElseThrow())).stream()
                .map(dossier.article.entity.Revision::number).toList();
        assertEquals(List.of(2, 1), numbers);

        // A file that now declares the old slug takes the address over from the redirect.
        inTransaction(db, x -> x.imports.store(List.of(source(a, Status.PUBLISHED, now, List.of(), "new owner")), now));
        assertTrue(read(db, x -> x.articles.redirected(a)).isEmpty(), "the redirect gave way");
        assertEquals("new owner", read(db, x -> x.articles.bySlug(a)).orElseThrow().markdown());
        assertEquals(b, read(db, x -> x.articles.bySlug(b)).orElseThrow().slug(), "the renamed article keeps its address");
    }
}

package dossier.article.boundary;

import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.article.entity.Body;
import dossier.article.entity.Status;
import dossier.article.entity.Tag;
import dossier.comment.boundary.CommentSection;
import dossier.comment.boundary.Comments;
import dossier.comment.entity.Comment;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.Templates;
import dossier.testing.CountingDataSource;
import dossier.testing.Databases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the home and article pages cost the database: the statements run to load and render them (with the real
 * templates) must not grow with the number of articles, tags, comments or commenters on the page. Counted on a
 * real EclipseLink and H2 with no shared cache, as in the application. (Outside the container the long texts are
 * not woven lazy, so they come with the article row here; in the container they cost one more statement per page.)
 */
class PageQueriesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /** A site with this many articles (each with 3 tags), and this many comments by as many readers on the first. */
    private record Site(EntityManagerFactory emf, CountingDataSource counter) {
    }

    private static Site site(int articleCount, int commentCount) {
        CountingDataSource counter = new CountingDataSource(Databases.freshH2());
        EntityManagerFactory emf = Databases.open(counter.dataSource());
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Tag tag = new Tag("tag-" + i);
            em.persist(tag);
            tags.add(tag);
        }
        Article first = null;
        for (int i = 0; i < articleCount; i++) {
            Article article = new Article("article-" + i, NOW);
            article.write("Article " + i, "Text " + i, new Body("<p>Text " + i + "</p>", List.of(), "Text " + i, 2), NOW);
            article.schedule(Status.PUBLISHED, NOW.minusSeconds(3600 + i));
            article.tagWith(List.of(tags.get(i % 6), tags.get((i + 1) % 6), tags.get((i + 2) % 6)));
            em.persist(article);
            first = first == null ? article : first;
        }
        Comment parent = null;
        for (int i = 0; i < commentCount; i++) {
            Account reader = new Account("reader" + i, "r" + i + "@example.org", "x", NOW);
            em.persist(reader);
            Comment comment = new Comment(first, i % 2 == 1 ? parent : null, reader, "Comment **" + i + "**", NOW.plusSeconds(i));
            em.persist(comment);
            em.flush();
            parent = comment;
        }
        em.getTransaction().commit();
        em.close();
        emf.getCache().evictAll();
        counter.takeExecuted();
        return new Site(emf, counter);
    }

    private static Caller anonymous() throws Exception {
        Caller caller = new Caller();
        set(caller, "security", Proxy.newProxyInstance(PageQueriesTest.class.getClassLoader(),
                new Class<?>[]{SecurityContext.class}, (p, m, a) -> m.getReturnType() == boolean.class ? false : null));
        set(caller, "request", Proxy.newProxyInstance(PageQueriesTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getRequestURI" -> "/";
                    case "getMethod" -> "GET";
                    default -> m.getReturnType() == boolean.class ? false : m.getReturnType() == int.class ? 0 : null;
                }));
        set(caller, "navigation", new dossier.site.control.Navigation(dossier.site.control.Navigation.DEFAULT));
        dossier.account.boundary.SignInMethods methods = new dossier.account.boundary.SignInMethods();
        set(methods, "local", true); // local accounts, as by default: the masthead offers registration
        set(caller, "methods", methods);
        return caller;
    }

    private static void set(Object target, String field, Object value) throws Exception {
        java.lang.reflect.Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static Templates templates(Caller caller) throws Exception {
        Templates templates = new Templates();
        set(templates, "caller", caller);
        return templates;
    }

    /** The statements the home page costs, rendered as readers get it. */
    private static List<String> homePage(Site site) throws Exception {
        EntityManager em = site.emf().createEntityManager();
        try {
            Articles articles = new Articles();
            articles.em = em;
            Comments comments = new Comments();
            set(comments, "em", em);
            Articles.Slice slice = articles.latest(1, 20, NOW);
            Map<Long, Long> counts = comments.visibleCounts(slice.articles().stream().map(Article::id).toList());
            String page = templates(anonymous()).render(new HomeView(ArticleList.of(slice, counts, "/")));
            assertTrue(page.contains("Article 0") && page.contains("tag-2"), "the page was rendered");
            return site.counter().takeExecuted();
        } finally {
            em.close();
        }
    }

    /** The statements an article page with its discussion costs (the index supplies related articles, not the database). */
    private static List<String> articlePage(Site site) throws Exception {
        EntityManager em = site.emf().createEntityManager();
        try {
            Articles articles = new Articles();
            articles.em = em;
            Comments comments = new Comments();
            set(comments, "em", em);
            Caller caller = anonymous();
            Article article = articles.bySlug("article-0").orElseThrow();
            CommentSection section = CommentSection.of(article, comments.of(article), caller, new MarkdownRenderer(),
                    1, false, null, null, null);
            Discussions.Part discussion = new Discussions.Part(section.count(), section.page(), section.hasMath(),
                    templates(caller).fragment(section));
            List<String> addresses = new ArrayList<>(articles.redirectsTo(article));
            String page = templates(caller).render(new ArticleView(article, List.of(), discussion, "http://localhost",
                    List.of(), List.of(), null));
            assertTrue(page.contains("Article 0"), "the page was rendered");
            return site.counter().takeExecuted();
        } finally {
            em.close();
        }
    }

    private interface Page {
        List<String> statements(Site site) throws Exception;
    }

    /** The statements the page costs on a small site and on a large one: the same number, and at most {@code max}. */
    private static void sameCost(Page page, Site small, Site large, int max, String why) throws Exception {
        try {
            List<String> few = page.statements(small);
            List<String> many = page.statements(large);
            java.util.logging.Logger.getLogger(PageQueriesTest.class.getName()).info(why + ": " + many);
            assertEquals(few.size(), many.size(), why + ": " + many);
            assertTrue(many.size() <= max, why + ": " + many);
        } finally {
            small.emf().close();
            large.emf().close();
        }
    }

    @Test
    void theHomePageCostsTheSameStatementsForTwoArticlesAsForTwenty() throws Exception {
        sameCost(PageQueriesTest::homePage, site(2, 0), site(25, 0), 4,
                "no query per article (a count, the articles, their tags, the comment counts)");
    }

    @Test
    void anArticlePageCostsTheSameStatementsForOneCommentAsForForty() throws Exception {
        // 4 here; in the container the lazily loaded texts cost one more.
        sameCost(PageQueriesTest::articlePage, site(1, 1), site(1, 40), 5, "no query per comment or commenter");
    }
}

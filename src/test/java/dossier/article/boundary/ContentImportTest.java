package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.entity.Article;
import dossier.markdown.control.MarkdownRenderer;
import dossier.testing.Databases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The start-up import against a real (in-memory H2) database through the real persistence unit. */
public class ContentImportTest {

    /** The container opens a transaction around {@code store}; here the test does. */
    public static class TransactionalArticles extends Articles {

        public TransactionalArticles() {
            changed = new dossier.testing.Events<>();
        }

        @Override
        public void store(List<ArticleSource> batch, Instant now) {
            em.getTransaction().begin();
            try {
                super.store(batch, now);
                em.getTransaction().commit();
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.clear();
            }
        }
    }

    @TempDir
    Path content;

    private EntityManagerFactory emf;
    private EntityManager em;
    private ContentImport cut;

    @BeforeEach
    void open() {
        emf = Databases.open(Databases.freshH2());
        em = emf.createEntityManager();
        TransactionalArticles articles = new TransactionalArticles();
        articles.em = em;
        cut = new ContentImport();
        cut.articles = articles;
        cut.renderer = new MarkdownRenderer();
    }

    @AfterEach
    void close() {
        em.close();
        emf.close();
    }

    private void write(String path, String text) throws IOException {
        Path file = content.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Article article(String slug) {
        em.clear();
        return em.createNamedQuery(Article.BY_SLUG, Article.class).setParameter("slug", slug).getSingleResult();
    }

    private long count() {
        return em.createQuery("select count(a) from Article a", Long.class).getSingleResult();
    }

    @Test
    void importsEveryShippedArticle() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("content"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                Files.copy(f, content.resolve(f.getFileName()));
            }
        }
        ContentImport.Report report = cut.importAll(content);
        assertEquals(Map.of(), report.skipped());
        assertTrue(report.added() >= 7);
        assertEquals(report.added(), count());
        assertEquals("/llm-onpremise", article("llm-onpremise-frameworks").aliasPath());
    }

    @Test
    void aSecondRunWithUnchangedFilesWritesNothing() throws IOException {
        write("a.md", "---\ntitle: A\n---\ntext");
        write("b.md", "# B\n\ntext");
        assertEquals(2, cut.importAll(content).added());
        int versionBefore = article("a").version();
        Instant updatedBefore = article("a").updatedAt();

        ContentImport.Report again = cut.importAll(content);
        assertEquals(0, again.imported());
        assertEquals(2, again.unchanged());
        assertEquals(versionBefore, article("a").version());
        assertEquals(updatedBefore, article("a").updatedAt());
    }

    @Test
    void aChangedFileUpdatesItsArticle() throws IOException {
        write("a.md", "---\ntitle: First title\n---\nold text");
        cut.importAll(content);
        write("a.md", "---\ntitle: Second title\ntags: [new-tag]\n---\nnew text");
        Files.setLastModifiedTime(content.resolve("a.md"), FileTime.from(Instant.now()));

        ContentImport.Report report = cut.importAll(content);
        assertEquals(1, report.updated());
        Article a = article("a");
        assertEquals("Second title", a.title());
        assertEquals(List.of("new-tag"), a.tagNames());
        assertTrue(a.html().contains("new text"));
        assertEquals(2, a.version());
        assertEquals(1, count());
    }

    @Test
    void badFilesAreReportedWithTheirReasonAndTheRestImport() throws IOException {
        write("good.md", "---\ntitle: Good\n---\ntext");
        write("broken.md", "---\ntitle: [unclosed\n---\ntext");
        write("untitled.md", "just text, no heading");
        Files.write(content.resolve("latin1.md"), "---\ntitle: Café\n---\n".getBytes("ISO-8859-1"));
        write("taken.md", "---\ntitle: Taken\nslug: good\n---\ntext");
        write("reserved.md", "---\ntitle: R\npath: /api\n---\ntext");

        ContentImport.Report report = cut.importAll(content);
        assertEquals(1, report.added());
        assertEquals(Set.of("broken.md", "untitled.md", "latin1.md", "taken.md", "reserved.md"), report.skipped().keySet());
        assertTrue(report.skipped().get("broken.md").contains("not valid YAML"));
        assertTrue(report.skipped().get("untitled.md").contains("no title"));
        assertTrue(report.skipped().get("latin1.md").contains("UTF-8"));
        assertTrue(report.skipped().get("taken.md").contains("already taken by good.md"));
        assertTrue(report.skipped().get("reserved.md").contains("/api"));
        assertEquals("Good", article("good").title());
    }

    @Test
    void twoFilesWithOneNameGetTwoAddresses() throws IOException {
        write("about/menus.md", "# About menus\n");
        write("configuration/menus.md", "# Configuring menus\n");
        write("keps/sig-node/127-user-namespaces/README.md", "# KEP-127\n");

        ContentImport.Report report = cut.importAll(content);
        assertEquals(3, report.added(), report.skipped().toString());
        assertEquals("About menus", article("menus").title());
        assertEquals("Configuring menus", article("configuration-menus").title());
        assertEquals("KEP-127", article("127-user-namespaces").title());
        assertEquals(0, cut.importAll(content).imported(), "stable across runs");
    }

    @Test
    void importsTheRealThirdPartyCorpusWithoutAborting() {
        Path corpus = Path.of("..", "shared", "corpus", "markdown");
        assumeTrue(Files.isDirectory(corpus), "the shared corpus lies beside the checkout");
        ContentImport.Report report = cut.importAll(corpus);

        Map<String, Long> reasons = report.skipped().values().stream()
                .map(r -> r.startsWith("it has no title") ? "no title" : r.contains("already taken") ? "slug taken" : r)
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertEquals(Set.of("no title", "slug taken"), reasons.keySet(), reasons.toString());
        assertTrue(report.added() > 2700, "imported " + report.added());
        assertEquals(report.added(), count());
        // The 365 "moved" EIP stubs have neither a title nor a heading.
        assertTrue(report.skipped().keySet().stream().filter(p -> p.startsWith("ethereum-eips/")).count() >= 365);
    }
}

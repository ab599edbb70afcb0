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

    /**
     * The article beans on one entity manager, with a transaction around each save and each batch the import
     * stores, as the container opens one.
     */
    public static ArticleBeans transactional(EntityManager em) {
        return new ArticleBeans(em, new dossier.testing.Events<>(), new Edits() {
            @Override
            public Saved save(String currentSlug, ArticleSource source, Integer expectedVersion, String editor,
                              dossier.article.entity.Revision.Origin origin, String message) {
                return inTransaction(em, () -> super.save(currentSlug, source, expectedVersion, editor, origin, message));
            }
        }, new ImportBatches() {
            @Override
            public List<String> store(List<ArticleSource> batch, Instant now) {
                return inTransaction(em, () -> super.store(batch, now));
            }
        });
    }

    private static <T> T inTransaction(EntityManager em, java.util.function.Supplier<T> work) {
        return dossier.testing.Transactions.inTransactionThenClear(em, work);
    }

    @TempDir
    Path content;

    private EntityManagerFactory emf;
    private EntityManager em;
    private ArticleBeans beans;
    private ContentImport cut;

    @BeforeEach
    void open() {
        emf = Databases.open(Databases.freshH2());
        em = emf.createEntityManager();
        beans = transactional(em);
        cut = new ContentImport();
        cut.imports = beans.imports;
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
    void theProgressSaysHowFarTheImportCameAndWhatItCouldNotImport() throws IOException {
        assertEquals(false, cut.progress().running());
        assertEquals(null, cut.progress().finished(), "no import yet");
        for (int i = 0; i < ContentImport.CHUNK + 3; i++) {
            write("many/file-" + i + ".md", "# File " + i + "\n\ntext " + i);
        }
        write("broken.md", "---\ntitle: [unclosed\n---\ntext");
        ContentImport.Report report = cut.importAll(content);
        ContentImport.Progress done = cut.progress();
        assertEquals(false, done.running());
        assertEquals(ContentImport.CHUNK + 4, done.total());
        assertEquals(done.total(), done.done());
        assertEquals(report.skipped().size(), done.errors());
        assertEquals(1, done.errors(), report.skipped().toString());
        assertTrue(done.finished() != null && !done.finished().isBefore(done.started()));
        assertTrue(ArticlesPanel.importFact(done).startsWith("Content folder imported: " + done.total() + " files in "),
                ArticlesPanel.importFact(done));
        assertTrue(ArticlesPanel.importFact(done).endsWith("1 could not be imported (see the server log)"));

        cut.importAll(content, true);
        assertEquals(done, cut.progress(), "a dry run is not an import");
    }

    /**
     * Two nodes importing the same folder at once (a cluster started together): each file is stored once, with one
     * revision, whichever node stores it first; the other finds it there.
     */
    @Test
    void twoImportsOfTheSameFilesStoreEachOnce() throws IOException {
        write("a.md", "---\ntitle: A\n---\ntext");
        write("b.md", "# B\n\ntext");
        // The second node read the database before the first stored anything: it believes both files are new.
        Map<String, ImportBatches.Source> before = beans.imports.sourcesByPath();
        assertEquals(Map.of(), before);
        assertEquals(2, cut.importAll(content).added());
        List<ArticleSource> sameFiles = Stream.of("a.md", "b.md")
                .map(f -> dossier.article.control.ContentFiles.read(content, content.resolve(f), Map.of(),
                        new dossier.article.control.ContentParser(cut.renderer)).source())
                .toList();
        assertEquals(List.of(), beans.imports.store(sameFiles, Instant.now()));
        em.clear();
        assertEquals(2L, count());
        assertEquals(2L, em.createQuery("select count(r) from Revision r", Long.class).getSingleResult(),
                "one revision per file, not two");
        assertEquals(1, article("a").version());
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

    /**
     * The shared corpus of 3,225 real Markdown files from four projects (skipped where it is not checked out): the
     * import goes through, and files are only ever skipped for having no title or a slug another file holds.
     * Rendering all of them takes half a minute on two cores, so by default every fourth file (in path order, from
     * every project) is imported; {@code -Ddossier.corpus.full=true} imports the whole corpus, as MarkdownCorpusTest
     * renders it.
     */
    @Test
    void importsTheRealThirdPartyCorpusWithoutAborting() throws IOException {
        Path corpus = Path.of("..", "shared", "corpus", "markdown");
        assumeTrue(Files.isDirectory(corpus), "the shared corpus lies beside the checkout");
        boolean full = Boolean.getBoolean("dossier.corpus.full");
        int every = full ? 1 : 4;
        int files = 0;
        try (Stream<Path> walk = Files.walk(corpus)) {
            List<Path> all = walk.filter(f -> f.toString().endsWith(".md")).sorted().toList();
            for (int i = 0; i < all.size(); i += every) {
                Path copy = content.resolve(corpus.relativize(all.get(i)).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(all.get(i), copy);
                files++;
            }
        }
        assertTrue(files > 3_000 / every, files + " files");
        ContentImport.Report report = cut.importAll(content);

        Map<String, Long> reasons = report.skipped().values().stream()
                .map(r -> r.startsWith("it has no title") ? "no title" : r.contains("already taken") ? "slug taken" : r)
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertTrue(reasons.containsKey("no title") && Set.of("no title", "slug taken").containsAll(reasons.keySet()), reasons.toString());
        assertEquals(files, report.added() + report.skipped().size(), "every file is imported or skipped with a reason");
        // Of the whole corpus 2,800 import; the 365 "moved" EIP stubs among the rest have neither a title nor a heading.
        assertTrue(report.added() > 2_700 / every, "imported " + report.added() + " of " + files);
        assertEquals(report.added(), count());
        assertTrue(report.skipped().keySet().stream().filter(p -> p.startsWith("ethereum-eips/")).count() >= 360 / every,
                report.skipped().keySet().stream().filter(p -> p.startsWith("ethereum-eips/")).count() + " EIP stubs skipped");
    }

    private ArticleSource browserEdit(String slug, String markdown) {
        Article a = article(slug);
        Map<String, Object> fields = new java.util.HashMap<>(dossier.article.control.ContentParser.fields(a.snapshot()));
        try {
            return new dossier.article.control.ContentParser(cut.renderer).build(null, fields, markdown, null, Instant.now())
                    .importedFrom(a.sourcePath(), a.sourceHash());
        } catch (dossier.article.control.ContentException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFileChangedAfterABrowserEditIsAConflictAndOverwritesNothing() throws IOException {
        write("a.md", "---\ntitle: A\nslug: a\n---\nfrom the file");
        cut.importAll(content);
        Article before = article("a");
        beans.edits.save("a", browserEdit("a", "from the browser"), before.version(), "chief",
                dossier.article.entity.Revision.Origin.BROWSER, null);
        write("a.md", "---\ntitle: A\nslug: a\n---\nfrom the file, changed");

        ContentImport.Report dry = cut.importAll(content, true);
        assertEquals(List.of("a.md"), dry.conflicts());
        assertEquals(0, dry.imported());
        ContentImport.Report run = cut.importAll(content);
        assertEquals(List.of("a.md"), run.conflicts());
        assertEquals(0, run.imported());
        assertEquals("from the browser", article("a").markdown());
        assertEquals(1L, em.createQuery("select count(c) from SyncConflict c", Long.class).getSingleResult());
        // Reported again at every sync until an editor decides, and still nothing overwritten.
        assertEquals(List.of("a.md"), cut.importAll(content).conflicts());
        assertEquals("from the browser", article("a").markdown());
    }

    @Test
    void aDryRunListsChangesAndStoresNothing() throws IOException {
        write("a.md", "# A\n\none");
        cut.importAll(content);
        write("a.md", "# A\n\ntwo");
        write("b.md", "# B\n\nnew");
        ContentImport.Report dry = cut.importAll(content, true);
        assertEquals(Map.of("a.md", "updated", "b.md", "new"), dry.changes());
        assertEquals(1, count());
        assertTrue(article("a").markdown().contains("one"));
        ContentImport.Report run = cut.importAll(content);
        assertEquals(dry.changes(), run.changes());
        assertEquals(2, count());
    }

    @Test
    void aDeletedFileIsReportedAndItsArticleStays() throws IOException {
        write("a.md", "# A\n\none");
        write("b.md", "# B\n\ntwo");
        cut.importAll(content);
        Files.delete(content.resolve("b.md"));
        ContentImport.Report run = cut.importAll(content);
        assertEquals(List.of("b.md"), run.missing());
        assertEquals(2, count());
    }

    @Test
    void aMovedFileKeepsItsArticleThroughItsSlug() throws IOException {
        write("a.md", "---\ntitle: A\nslug: stable\n---\none");
        cut.importAll(content);
        Files.delete(content.resolve("a.md"));
        write("moved/elsewhere.md", "---\ntitle: A\nslug: stable\n---\none, moved");
        ContentImport.Report run = cut.importAll(content);
        assertEquals(Map.of(), run.skipped());
        assertEquals(1, run.updated());
        assertEquals(1, count());
        assertEquals("moved/elsewhere.md", article("stable").sourcePath());
    }

    @Test
    void everyImportIsARevision() throws IOException {
        write("a.md", "# A\n\none");
        cut.importAll(content);
        write("a.md", "# A\n\ntwo");
        cut.importAll(content);
        List<dossier.article.entity.Revision> revisions = em.createQuery(
                "select r from Revision r order by r.number", dossier.article.entity.Revision.class).getResultList();
        assertEquals(List.of(1, 2), revisions.stream().map(dossier.article.entity.Revision::number).toList());
        assertEquals("import", revisions.get(1).editor());
        assertTrue(revisions.get(1).markdown().contains("two"));
    }

    @Test
    void anExportImportedIntoAnEmptyDatabaseGivesTheSameArticles(@TempDir Path exported) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("content"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                Files.copy(f, content.resolve(f.getFileName()));
            }
        }
        write("extra/draft.md", "---\ntitle: \"A draft: with a colon\"\nstatus: draft\ntags: [one, Two words]\n---\n\n"
                + "Leading blank line, trailing spaces  \n---\nnot front matter\n");
        write("extra/later.md", "---\ntitle: Later\npublished: 2099-01-02T03:04:05Z\nauthor: 'O''Brien'\n---\nno newline at end");
        cut.importAll(content);
        List<Article> originals = em.createQuery("select a from Article a order by a.slug", Article.class).getResultList();
        for (Article a : originals) {
            Files.writeString(exported.resolve(dossier.article.control.MarkdownExport.fileName(a.snapshot())),
                    dossier.article.control.MarkdownExport.file(a.snapshot()));
        }

        EntityManagerFactory otherEmf = Databases.open(Databases.freshH2());
        EntityManager other = otherEmf.createEntityManager();
        try {
            ContentImport again = new ContentImport();
            again.imports = transactional(other).imports;
            again.renderer = cut.renderer;
            ContentImport.Report report = again.importAll(exported);
            assertEquals(Map.of(), report.skipped());
            List<Article> copies = other.createQuery("select a from Article a order by a.slug", Article.class).getResultList();
            assertEquals(originals.size(), copies.size());
            for (int i = 0; i < originals.size(); i++) {
                Article a = originals.get(i);
                Article b = copies.get(i);
                assertEquals(a.snapshot(), b.snapshot(), a.slug());
                assertEquals(a.html(), b.html(), a.slug());
                assertEquals(a.outline(), b.outline(), a.slug());
            }
        } finally {
            other.close();
            otherEmf.close();
        }
    }
}

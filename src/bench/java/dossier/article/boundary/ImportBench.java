package dossier.article.boundary;

import dossier.bench.Corpus;
import dossier.markdown.control.MarkdownRenderer;
import dossier.testing.Databases;
import jakarta.persistence.EntityManagerFactory;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Benchmark, not a test: the content import path (read, parse front matter, render, sanitize, store through
 * JPA into H2) over a folder, several rounds, each into a fresh in-memory database, so that later rounds show
 * the speed of a warmed-up server.
 * <pre>mvn -Pbench test-compile exec:java -Dexec.mainClass=dossier.article.boundary.ImportBench -Dexec.args="[corpus-dir] [rounds]"</pre>
 * The corpus folder defaults to the {@code markdown} corpus of {@link Corpus}.
 */
public final class ImportBench {

    public static void main(String[] args) {
        Path dir = Corpus.folder(args.length > 0 ? args[0] : null, "markdown");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        MarkdownRenderer renderer = new MarkdownRenderer();
        for (int round = 1; round <= rounds; round++) {
            EntityManagerFactory emf = Databases.open(Databases.freshH2());
            jakarta.persistence.EntityManager em = emf.createEntityManager();
            ContentImport cut = new ContentImport();
            cut.imports = ContentImportTest.transactional(em).imports;
            cut.renderer = renderer;
            ContentImport.Report r = cut.importAll(dir);
            int files = r.added() + r.updated() + r.unchanged() + r.skipped().size();
            System.out.printf(Locale.ROOT, "round %d: %d files (%d imported, %d skipped) in %.2f s = %.0f files/s"
                            + " (reading and rendering %.2f s, storing %.2f s)%n",
                    round, files, r.imported(), r.skipped().size(), r.seconds(), files / r.seconds(),
                    r.readSeconds(), r.storeSeconds());
            em.close();
            emf.close();
        }
    }

    private ImportBench() {
    }
}

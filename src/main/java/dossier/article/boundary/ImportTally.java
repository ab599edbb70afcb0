package dossier.article.boundary;

import dossier.article.control.ArticleSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/** What one import run has done so far, chunk by chunk, until it is a {@link ContentImport.Report}. */
final class ImportTally {

    private static final Logger LOG = Logger.getLogger(ContentImport.class.getName());

    /** Slugs that had an article before the run: storing a file with one of them is an update. */
    private final Set<String> knownSlugs;
    final List<String> conflicts = new ArrayList<>();
    final Map<String, String> skipped = new TreeMap<>();
    private final Map<String, String> changes = new TreeMap<>();
    private int unchanged;
    private int added;
    private int updated;
    private long readingNanos;
    private long storingNanos;

    ImportTally(Set<String> knownSlugs) {
        this.knownSlugs = knownSlugs;
    }

    void unchanged() {
        unchanged++;
    }

    /** A file not imported, and why; logged with its path. */
    void skip(String path, String reason) {
        skipped.put(path, reason);
        LOG.warning(() -> "Skipped content file " + path + ": " + reason);
    }

    /** A chunk done: the files stored (or, in a dry run, that would be), and the time it took to read and to store. */
    void stored(List<ArticleSource> stored, long readNanos, long storeNanos) {
        readingNanos += readNanos;
        storingNanos += storeNanos;
        for (ArticleSource s : stored) {
            if (knownSlugs.contains(s.slug())) {
                updated++;
                changes.put(s.sourcePath(), "updated");
            } else {
                added++;
                changes.put(s.sourcePath(), "new");
            }
        }
    }

    ContentImport.Report report(List<String> missing, boolean dryRun, double seconds) {
        return new ContentImport.Report(added, updated, unchanged, skipped, List.copyOf(conflicts), missing, changes,
                dryRun, seconds, readingNanos / 1e9, storingNanos / 1e9);
    }
}

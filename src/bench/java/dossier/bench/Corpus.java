package dossier.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find the corpora they read: the folder named on the command line, else
 * {@code $DOSSIER_BENCH_CORPUS/<name>}, else {@code bench-corpus/<name>} under the working directory (the project,
 * when run through Maven). Nothing of a particular machine is written into the programs.
 */
public final class Corpus {

    /** The environment variable naming the folder that holds every corpus, one subfolder each. */
    public static final String VARIABLE = "DOSSIER_BENCH_CORPUS";

    private Corpus() {
    }

    /** The folder of the corpus {@code name} ({@code markdown}, {@code scifact}), or {@code given} when not null. */
    public static Path folder(String given, String name) {
        Path folder;
        if (given != null) {
            folder = Path.of(given);
        } else {
            String root = System.getenv(VARIABLE);
            folder = Path.of(root == null || root.isBlank() ? "bench-corpus" : root).resolve(name);
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("No corpus folder " + folder.toAbsolutePath() + ": name one as an"
                    + " argument, or set " + VARIABLE + " to the folder that holds " + name + "/.");
        }
        return folder;
    }
}

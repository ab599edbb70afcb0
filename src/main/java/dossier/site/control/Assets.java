package dossier.site.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The site's own static files, addressed by content: {@code /assets/site.css?v=<hash>}. A changed file gets a
 * new address, so every address can be cached for a year without a stale stylesheet ever being served.
 *
 * <p>The set of files is fixed when the class loads: every name below is read once, and a name asked for that is
 * not among them is simply unknown. Nothing a visitor sends is ever kept, so asking for a million made-up names
 * costs no memory.
 */
public final class Assets {

    /** The site's own files, committed under {@code src/main/resources/dossier/site/assets/}; {@code AssetsTest}
     * checks this list against that folder. */
    static final Set<String> OWN = Set.of("site.css", "print.css", "discussion.js", "search.js", "editor.js",
            "code.js", "math.js");

    /** Browser libraries that the build unpacks from their WebJars into the same folder of the classpath (versions
     * in {@code pom.xml}, licences beside them under {@code dossier/site/licenses/}): KaTeX for formulas, the
     * browser build of highlight.js with its common languages for code. */
    static final Set<String> VENDORED = Set.of("katex.js", "highlight.js");

    static final Set<String> NAMES = union(OWN, VENDORED);

    private record File(byte[] bytes, String version) {
    }

    private static final Map<String, File> FILES = load();

    private Assets() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static Map<String, File> load() {
        Map<String, File> files = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (InputStream in = Assets.class.getResourceAsStream("/dossier/site/assets/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("Bundled asset missing from the build: " + name);
                }
                byte[] bytes = in.readAllBytes();
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
                files.put(name, new File(bytes, HexFormat.of().formatHex(hash, 0, 8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return Map.copyOf(files);
    }

    /** The address of an asset, with its content hash. */
    public static String url(String name) {
        return "/assets/" + name + "?v=" + version(name);
    }

    /** The content hash of a bundled asset, or an empty string when there is no such asset. */
    public static String version(String name) {
        File file = FILES.get(name);
        return file == null ? "" : file.version();
    }

    /** The file's bytes, or an empty array when there is no such asset. */
    public static byte[] bytes(String name) {
        File file = FILES.get(name);
        return file == null ? new byte[0] : file.bytes();
    }

    public static boolean exists(String name) {
        return FILES.containsKey(name);
    }

    /** How many files are held in memory: always the bundled set, whatever has been asked for. */
    static int kept() {
        return FILES.size();
    }
}

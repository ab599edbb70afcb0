package dossier.site.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's own static files, addressed by content: {@code /assets/site.css?v=<hash>}. A changed file gets a
 * new address, so every address can be cached for a year without a stale stylesheet ever being served.
 */
public final class Assets {

    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    private Assets() {
    }

    /** The address of an asset, with its content hash. */
    public static String url(String name) {
        return "/assets/" + name + "?v=" + version(name);
    }

    public static String version(String name) {
        return VERSIONS.computeIfAbsent(name, n -> {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes(n));
                return HexFormat.of().formatHex(hash, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The file's bytes, or an empty array when there is no such asset. */
    public static byte[] bytes(String name) {
        return FILES.computeIfAbsent(name, n -> {
            try (InputStream in = Assets.class.getResourceAsStream("/dossier/site/assets/" + n)) {
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

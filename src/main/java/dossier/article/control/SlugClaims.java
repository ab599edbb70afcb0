package dossier.article.control;

import java.util.HashMap;
import java.util.Map;

/**
 * Which file owns which slug and extra path during an import: in the database already, or earlier in the run.
 * A slug is a file's stable identity: an article keeps its slug's claim while its file is on disk; a file that
 * moved (or a browser article's file that appeared) takes the slug over. A file whose name-made slug another
 * file has gets its folder's name in front ({@link ContentParser#qualifiedSlug}).
 */
public final class SlugClaims {

    private final Map<String, String> slugs;
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, String> placedSlugs = new HashMap<>();

    /** {@code owners}: slug → path of the file on disk whose article has that slug now. */
    public SlugClaims(Map<String, String> owners) {
        this.slugs = new HashMap<>(owners);
    }

    /** Null when the file may be stored, else the reason it may not. */
    public String claim(ArticleSource s) {
        String slug = s.slug();
        String owner = slugs.putIfAbsent(slug, s.sourcePath());
        if (owner != null && !owner.equals(s.sourcePath())) {
            String qualified = ContentParser.qualifiedSlug(s);
            String qualifiedOwner = qualified == null ? owner : slugs.putIfAbsent(qualified, s.sourcePath());
            if (qualifiedOwner != null && !qualifiedOwner.equals(s.sourcePath())) {
                return "its slug '" + slug + "' is already taken by " + owner;
            }
            slug = qualified;
        }
        if (s.aliasPath() != null) {
            String aliasOwner = aliases.putIfAbsent(s.aliasPath(), s.sourcePath());
            if (aliasOwner != null && !aliasOwner.equals(s.sourcePath())) {
                return "its path '" + s.aliasPath() + "' is already taken by " + aliasOwner;
            }
        }
        placedSlugs.put(s.sourcePath(), slug);
        return null;
    }

    /** The claimed file at the slug it was given. */
    public ArticleSource placed(ArticleSource s) {
        String slug = placedSlugs.get(s.sourcePath());
        return slug.equals(s.slug()) ? s : s.withSlug(slug);
    }
}

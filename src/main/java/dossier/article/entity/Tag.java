package dossier.article.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** A topic label; its name is also its address under /tags/. */
@Entity
@Table(name = "tag")
@NamedQuery(name = Tag.ALL, query = "select t from Tag t")
public class Tag {

    public static final String ALL = "Tag.all";
    public static final int MAX_LENGTH = 100;
    private static final Pattern NOT_TAG = Pattern.compile("[^\\p{L}\\p{N}]+");

    @Id
    @SequenceGenerator(name = "tag_seq", sequenceName = "tag_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tag_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = MAX_LENGTH)
    private String name;

    protected Tag() {
    }

    public Tag(String name) {
        String normal = normalize(name);
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("A tag needs a name.");
        }
        this.name = normal;
    }

    /** "On Premise" and "on-premise" are the same tag; letters of every script are kept ("中文" stays). */
    public static String normalize(String name) {
        String lower = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String slug = NOT_TAG.matcher(lower).replaceAll("-").replaceAll("^-+|-+$", "");
        return slug.length() > MAX_LENGTH ? slug.substring(0, MAX_LENGTH) : slug;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }
}

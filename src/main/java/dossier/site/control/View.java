package dossier.site.control;

/**
 * What one page shows, as a record beside the resource that makes it. Its template takes it whole, as
 * {@code @param TheRecord view} next to the {@code caller} that {@link Templates} adds, and reads it through the
 * record's accessors: jte compiles the templates to Java with the sources, so a field that is missing, renamed or
 * of another type fails the build instead of a request.
 */
public interface View {

    /** The template that shows this view, e.g. {@code "article.jte"} (ViewTemplatesTest checks that it takes it). */
    String template();
}

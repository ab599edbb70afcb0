package dossier.site.control;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.enterprise.context.ApplicationScoped;

import jakarta.inject.Inject;

import java.util.Map;

/**
 * The jte templates, compiled to classes at build time by the jte Maven plugin; HTML output is escaped by default.
 * Every page and part is rendered from its {@link View}: the template takes exactly that record as {@code view}
 * and the {@code caller}, for the masthead and the forms, which is added here and nowhere else.
 */
@ApplicationScoped
public class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    @Inject
    Viewer caller;

    /** Renders a page. */
    public String render(View view) {
        StringOutput out = new StringOutput(16 * 1024);
        engine.render(view.template(), params(view), out);
        return out.toString();
    }

    /**
     * A part of a page that another component renders with its own template, written where the page places it
     * (a template's {@code Content} parameter), with the same {@code caller}.
     */
    public Content fragment(View view) {
        Map<String, Object> params = params(view);
        return output -> engine.render(view.template(), params, output);
    }

    /** The two parameters every view's template takes (jte's precompiled templates are called by name with a map). */
    private Map<String, Object> params(View view) {
        return Map.of("view", view, "caller", caller);
    }
}

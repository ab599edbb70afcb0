package dossier.site.control;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.enterprise.context.ApplicationScoped;

import dossier.account.boundary.Caller;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/** The jte templates, compiled to classes at build time by the jte Maven plugin; HTML output is escaped by default. */
@ApplicationScoped
public class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    @Inject
    Caller caller;

    /** Renders a page; every template also gets the {@code caller}, for the masthead and the forms. */
    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(16 * 1024);
        Map<String, Object> all = new HashMap<>(params);
        all.put("caller", caller);
        engine.render(template, all, out);
        return out.toString();
    }
}

package dossier.site.control;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** The jte templates, compiled to classes at build time by the jte Maven plugin; HTML output is escaped by default. */
@ApplicationScoped
public class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(16 * 1024);
        engine.render(template, params, out);
        return out.toString();
    }
}

package dossier.mail.control;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.util.Map;

/**
 * A mail's two parts from two templates of the same name: {@code src/main/jte/mail/<name>.jte} for HTML (every
 * value escaped, as on the site's pages) and {@code src/main/jte-text/mail/<name>.jte} for plain text. Both are
 * compiled at build time.
 */
public final class MailTemplates {

    public record Rendered(String text, String html) {
    }

    private final TemplateEngine html = TemplateEngine.createPrecompiled(ContentType.Html);
    private final TemplateEngine text = TemplateEngine.createPrecompiled(null, ContentType.Plain, null, "gg.jte.generated.text");

    public Rendered render(String name, Map<String, Object> values) {
        return new Rendered(render(text, name, values), render(html, name, values));
    }

    private static String render(TemplateEngine engine, String name, Map<String, Object> values) {
        StringOutput out = new StringOutput(4 * 1024);
        engine.render("mail/" + name + ".jte", values, out);
        return out.toString();
    }
}

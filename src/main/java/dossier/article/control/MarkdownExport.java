package dossier.article.control;

import dossier.article.entity.Revision;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Articles as content files again: YAML front matter (the fields of {@link ContentParser#fields}) and the
 * Markdown exactly as stored, so that importing an export into an empty database gives the same articles.
 */
public final class MarkdownExport {

    private MarkdownExport() {
    }

    public static String file(Revision.Snapshot article) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        String yaml = new Yaml(options).dump(ContentParser.fields(article));
        return "---\n" + yaml + "---\n" + article.markdown();
    }

    public static String fileName(Revision.Snapshot article) {
        return article.slug() + ".md";
    }

    /** Every article as {@code <slug>.md} in one zip archive. */
    public static void zip(Iterable<Revision.Snapshot> articles, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Revision.Snapshot a : articles) {
                zip.putNextEntry(new ZipEntry(fileName(a)));
                zip.write(file(a).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

}

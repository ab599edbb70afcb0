package dossier.article.control;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The YAML block between two {@code ---} lines at the top of a content file, and the Markdown after it.
 * Parsed with SnakeYAML's safe constructor: plain maps, lists, strings, numbers and dates, never objects.
 */
public record FrontMatter(Map<String, Object> fields, String body) {

    private static final int MAX_YAML_CHARS = 64 * 1024;

    public static FrontMatter parse(String text) throws ContentException {
        if (!startsWithFence(text)) {
            return new FrontMatter(Map.of(), text);
        }
        int firstLineEnd = text.indexOf('\n');
        int pos = firstLineEnd + 1;
        while (pos <= text.length()) {
            int end = text.indexOf('\n', pos);
            int lineEnd = end < 0 ? text.length() : end;
            String line = text.substring(pos, lineEnd).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                String yaml = text.substring(firstLineEnd + 1, pos);
                String body = end < 0 ? "" : text.substring(end + 1);
                return new FrontMatter(yaml(yaml), body);
            }
            if (end < 0) {
                break;
            }
            pos = end + 1;
        }
        throw new ContentException("the front matter opened by '---' on line 1 is never closed by another '---' line");
    }

    private static boolean startsWithFence(String text) {
        if (!text.startsWith("---")) {
            return false;
        }
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).stripTrailing();
        return first.equals("---");
    }

    private static Map<String, Object> yaml(String yaml) throws ContentException {
        if (yaml.length() > MAX_YAML_CHARS) {
            throw new ContentException("the front matter is longer than " + MAX_YAML_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(20);
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " (front matter line " + (mark.getLine() + 1) + ")";
            throw new ContentException("the front matter is not valid YAML: " + e.getProblem() + where);
        } catch (YAMLException e) {
            throw new ContentException("the front matter is not valid YAML: " + e.getMessage());
        }
        if (parsed == null) {
            return Map.of();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new ContentException("the front matter must be a list of 'key: value' lines");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        return fields;
    }
}

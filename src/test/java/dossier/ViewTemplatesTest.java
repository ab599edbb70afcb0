package dossier;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dossier.site.control.View;
import dossier.site.control.Viewer;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page is rendered from its {@link View}: a record whose template takes exactly that record as {@code view} and
 * the {@code caller}, nothing else. The compiler checks what a template reads from its record; this checks the one
 * link it cannot see, the template's name that a view gives, against the precompiled templates themselves.
 */
class ViewTemplatesTest {

    private static final Path SOURCES = Path.of("src/main/jte");

    /** Parts that only other templates call, through jte's {@code @template} calls, which jte checks at build time. */
    private static final Set<String> CALLED_BY_TEMPLATES = Set.of("layout.jte", "partials/articleList.jte",
            "partials/diff.jte");

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    @Test
    void eachViewsTemplateTakesThatViewAndTheCallerOnly() throws Exception {
        Map<String, Class<?>> views = views();
        assertTrue(views.size() >= 20, "the views were found: " + views);
        views.forEach((template, view) -> assertEquals(Map.of("view", view, "caller", Viewer.class),
                new HashMap<>(engine.getParamInfo(template)), template + " takes " + view.getSimpleName()));
    }

    @Test
    void everyTemplateIsAViewsOrCalledOnlyByOtherTemplates() throws IOException {
        Set<String> templates;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            templates = files.filter(f -> f.toString().endsWith(".jte"))
                    .map(f -> SOURCES.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> rendered = new TreeSet<>(templates);
        rendered.removeAll(CALLED_BY_TEMPLATES);
        // Mails are not pages: the mail component renders mail/* itself (text and HTML parts), with no caller.
        rendered.removeIf(t -> t.startsWith("mail/"));
        assertEquals(rendered, new TreeSet<>(views().keySet()), "templates rendered from Java, each by one view");
    }

    /** Each view's template, by name; a template two views claimed would fail here. */
    private static Map<String, Class<?>> views() {
        Map<String, Class<?>> views = new HashMap<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dossier")) {
            if (type.isAssignableTo(View.class) && !type.isInterface()) {
                Class<?> view = type.reflect();
                assertTrue(view.isRecord(), view + " is a record");
                Class<?> other = views.put(template(view), view);
                assertEquals(null, other, template(view) + " is the template of one view only");
            }
        }
        return views;
    }

    /** The template a view names (the name never depends on the values, so any will do). */
    private static String template(Class<?> view) {
        try {
            Class<?>[] types = Arrays.stream(view.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Constructor<?> canonical = view.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            Object[] values = Arrays.stream(types).map(ViewTemplatesTest::blank).toArray();
            return ((View) canonical.newInstance(values)).template();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(view + " cannot be made to ask its template", e);
        }
    }

    /** null, or a primitive's zero (an array's first element starts as it). */
    private static Object blank(Class<?> type) {
        return type.isPrimitive() ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0) : null;
    }
}

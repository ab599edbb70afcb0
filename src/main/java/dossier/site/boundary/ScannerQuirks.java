package dossier.site.boundary;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What Payara Micro 6.2025.10's OpenAPI scanner gets wrong, put right before the document is served, so that
 * {@link ApiContract} states the contract and this class only the repairs (each can go when Payara does it right):
 * <ul>
 * <li>it writes every attribute of a {@code @Schema} annotation, the defaults too: {@code maxProperties: 0} would
 * forbid an object any property;</li>
 * <li>it cannot write, from annotations, an array of a component schema ({@code implementation} copies a schema that
 * may not have been read yet) or a choice of components ({@code oneOf} takes only model classes): an operation names
 * them in the extensions {@link #ARRAY_OF} and {@link #ONE_OF}, and they become references here;</li>
 * <li>an answer's schema that names neither {@code ref} nor {@code implementation} gets the properties of whichever
 * component schema names no implementation either: the operations name one ({@code String.class} for a file) or a
 * reference, and never leave it out;</li>
 * <li>it writes a number parameter's default as a string;</li>
 * <li>it adds a root field {@code endpoints} that OpenAPI does not have (payara/Payara#7891 makes it an {@code x-}
 * extension in later versions), which makes the document invalid.</li>
 * </ul>
 */
final class ScannerQuirks {

    /** Extension of a response schema: the answer is an array of the component schema it names. */
    static final String ARRAY_OF = "x-array-of";
    /** Extension of a response schema: the answer is one of the component schemas it names (separated by spaces). */
    static final String ONE_OF = "x-one-of";

    private static final Logger LOG = Logger.getLogger(ScannerQuirks.class.getName());

    private ScannerQuirks() {
    }

    /** Leaves out what the scanner copied from an annotation's defaults, which OpenAPI's own defaults say anyway. */
    static Schema withoutDefaults(Schema schema) {
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        return schema;
    }

    /** A number parameter's default as a number. */
    static Parameter withTypedDefault(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema != null && schema.getDefaultValue() instanceof String text
                && (schema.getType() == Schema.SchemaType.INTEGER || schema.getType() == Schema.SchemaType.NUMBER)) {
            try {
                schema.setDefaultValue(schema.getType() == Schema.SchemaType.INTEGER ? Integer.valueOf(text) : Double.valueOf(text));
            } catch (NumberFormatException e) {
                // not a number after all: left as written
            }
        }
        return parameter;
    }

    /** Writes the named components of an operation's answers as references. */
    static void repairResponses(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            if (response.getContent() != null) {
                response.getContent().getMediaTypes().values().forEach(ScannerQuirks::namedComponents);
            }
        }
    }

    private static void namedComponents(MediaType media) {
        Schema schema = media.getSchema();
        Map<String, Object> extensions = schema == null ? null : schema.getExtensions();
        if (extensions == null) {
            return;
        }
        Object arrayOf = extensions.get(ARRAY_OF);
        Object oneOf = extensions.get(ONE_OF);
        if (arrayOf != null) {
            media.setSchema(OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(reference(arrayOf.toString())));
        } else if (oneOf != null) {
            List<Schema> choices = Arrays.stream(oneOf.toString().trim().split("\\s+")).map(ScannerQuirks::reference).toList();
            media.setSchema(OASFactory.createSchema().oneOf(choices));
        }
    }

    private static Schema reference(String component) {
        return OASFactory.createSchema().ref("#/components/schemas/" + component.trim());
    }

    static boolean isEmpty(Content content) {
        return content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty();
    }

    /**
     * Empties Payara's {@code endpoints} field, which the document would otherwise carry at its root (an empty one
     * is not written). Payara's own model class, reached by reflection: nothing happens where it has no such field.
     */
    static void withoutEndpoints(OpenAPI api) {
        try {
            Object endpoints = api.getClass().getMethod("getEndpoints").invoke(api);
            if (endpoints instanceof Map<?, ?> map) {
                map.clear();
            }
        } catch (NoSuchMethodException e) {
            // a server whose model has no such field
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning(() -> "The OpenAPI document keeps the server's field 'endpoints': " + e);
        }
    }
}

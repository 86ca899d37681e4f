package io.rebound.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.rebound.testsupport.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed {@code docs/openapi.json} as a contract: a real response must have a status, a media type and a body
 * that the document gives the operation (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 */
final class ApiDocument {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode document;

    private ApiDocument(JsonNode document) {
        this.document = document;
    }

    static ApiDocument committed() {
        try {
            return new ApiDocument(JsonMapper.builder()
                    .build()
                    .readTree(Files.readString(OpenApiIT.COMMITTED, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code response} to {@code method path} (a path template of the document) is one it documents. */
    ApiClient.Response assertConforms(String method, String path, ApiClient.Response response) {
        String operation = method.toUpperCase(Locale.ROOT) + " " + path;
        JsonNode responses = document.path("paths")
                .path(path)
                .path(method.toLowerCase(Locale.ROOT))
                .path("responses");
        assertThat(responses.isObject()).as("%s is in the document", operation).isTrue();
        JsonNode documented = responses.path(String.valueOf(response.status()));
        assertThat(documented.isObject())
                .as("%s answered %s, which the document does not give it: %s", operation, response.status(), response)
                .isTrue();
        String mediaType = response.contentType().split(";")[0].trim();
        JsonNode media = documented.path("content").path(mediaType);
        assertThat(media.isObject())
                .as(
                        "%s answered %s as %s; the document gives %s",
                        operation,
                        response.status(),
                        mediaType,
                        documented.path("content").propertyNames())
                .isTrue();
        List<Error> errors = schema(media.path("schema")).validate(response.json());
        assertThat(errors)
                .as("%s %s body %s against docs/openapi.json", operation, response.status(), response.body())
                .isEmpty();
        return response;
    }

    /** The response schema with the document's components beside it, so its {@code #/components/...} refs resolve. */
    private Schema schema(JsonNode responseSchema) {
        ObjectNode root = ((ObjectNode) responseSchema.deepCopy());
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.set("components", document.path("components"));
        return SCHEMAS.getSchema(root);
    }
}

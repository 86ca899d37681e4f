package io.rebound.gateway.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes the generated schemas say what the gateway writes: snake_case names (its Jackson naming strategy, which
 * springdoc does not read), every property of a response required (nulls are written, never left out), nullable
 * properties as OpenAPI 3.1 type arrays, and the event stream as text.
 */
public final class ApiSchemas {

    private static final String REF_PREFIX = "#/components/schemas/";

    private ApiSchemas() {}

    /** RFC 9457 problem details plus the members Rebound adds. */
    static Schema<?> problem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                string("A stable URI per kind of problem")
                        .example("https://rebound.io/problems/operation-not-retryable"));
        properties.put("title", string("Short summary of the kind of problem"));
        properties.put("status", integer("The HTTP status code"));
        properties.put("detail", string("What went wrong for this request"));
        properties.put("instance", string("The request path"));
        properties.put("code", string("Rebound's error code clients switch on").example("OPERATION_NOT_RETRYABLE"));
        properties.put("retry_after_seconds", integer("With 429: seconds to wait, as Retry-After"));
        properties.put("limit", integer("With TOO_MANY_OPEN_OPERATIONS: the limit reached"));
        properties.put(
                "operation_id",
                string("With MODEL_ANSWER_EXISTS: the operation already asked for")
                        .format("uuid"));
        return new Schema<>()
                .types(Set.of("object"))
                .description("RFC 9457 problem details")
                .properties(properties)
                .required(List.of("type", "title", "status"));
    }

    /** The schema, or a reference, that also admits null. */
    static Schema nullable(Schema property) {
        property.setNullable(null);
        if (property.get$ref() != null) {
            return new Schema<>()
                    .anyOf(List.of(new Schema<>().$ref(property.get$ref()), new Schema<>().types(Set.of("null"))));
        }
        Set<String> types = new LinkedHashSet<>(property.getTypes() == null ? Set.of() : property.getTypes());
        if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            property.getEnum().add(null);
        }
        return property;
    }

    /** Lists the values a string property of a component schema takes (the wire names of a Java enum). */
    public static void enumerate(OpenAPI api, String schema, String property, List<String> values) {
        Map<String, Schema> properties =
                api.getComponents().getSchemas().get(schema).getProperties();
        Schema target =
                properties.containsKey(property) ? properties.get(property) : properties.get(snakeCase(property));
        target.setEnum(new ArrayList<>(values));
        if (target.getTypes() != null && target.getTypes().contains("null")) {
            target.getEnum().add(null);
        }
    }

    static void toWire(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        schemas.forEach((name, schema) -> {
            if (!"Problem".equals(name)) {
                snakeCase(schema);
            }
        });
        Set<String> responses = reachable(responseSchemas(api), schemas);
        responses.forEach(name -> {
            Schema<?> schema = schemas.get(name);
            if (schema.getProperties() != null && !"Problem".equals(name)) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        });
        schemas.values().forEach(ApiSchemas::nullInNullableEnums);
        eventStreamAsText(api, schemas);
    }

    /** A nullable enum must list null too, or a validator rejects the null the server writes. */
    private static void nullInNullableEnums(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Schema property : schema.getProperties().values()) {
            if (property.getTypes() != null
                    && property.getTypes().contains("null")
                    && property.getEnum() != null
                    && !property.getEnum().contains(null)) {
                property.getEnum().add(null);
            }
        }
    }

    /** The gateway's Jackson naming strategy (SNAKE_CASE) applied to a Java property name. */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static void snakeCase(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> renamed = new LinkedHashMap<>();
        schema.getProperties().forEach((name, property) -> renamed.put(snakeCase(name), property));
        schema.setProperties(renamed);
        if (schema.getRequired() != null) {
            schema.setRequired(
                    schema.getRequired().stream().map(ApiSchemas::snakeCase).toList());
        }
    }

    private static List<Schema> responseSchemas(OpenAPI api) {
        return api.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .flatMap(operation -> operation.getResponses().values().stream())
                .map(ApiResponse::getContent)
                .filter(Objects::nonNull)
                .flatMap(content -> content.values().stream())
                .map(io.swagger.v3.oas.models.media.MediaType::getSchema)
                .filter(Objects::nonNull)
                .map(schema -> (Schema) schema)
                .toList();
    }

    /** The names of the component schemas these schemas use, directly or through others. */
    private static Set<String> reachable(List<Schema> roots, Map<String, Schema> schemas) {
        Set<String> names = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Schema<?> schema = todo.pop();
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(REF_PREFIX.length());
                if (names.add(name) && schemas.containsKey(name)) {
                    todo.push(schemas.get(name));
                }
                continue;
            }
            Stream.of(
                            schema.getProperties() == null
                                    ? Stream.<Schema>empty()
                                    : schema.getProperties().values().stream(),
                            Stream.ofNullable(schema.getItems()),
                            schema.getAdditionalProperties() instanceof Schema<?> values
                                    ? Stream.of((Schema) values)
                                    : Stream.<Schema>empty(),
                            schema.getAnyOf() == null ? Stream.<Schema>empty() : schema.getAnyOf().stream(),
                            schema.getOneOf() == null ? Stream.<Schema>empty() : schema.getOneOf().stream())
                    .flatMap(s -> s)
                    .forEach(todo::push);
        }
        return names;
    }

    /** Server-sent events are text; springdoc would describe the SseEmitter object that writes them. */
    private static void eventStreamAsText(OpenAPI api, Map<String, Schema> schemas) {
        api.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .flatMap(operation -> operation.getResponses().values().stream())
                .map(ApiResponse::getContent)
                .filter(Objects::nonNull)
                .map(content -> content.get(org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE))
                .filter(Objects::nonNull)
                .forEach(media ->
                        media.setSchema(string("Server-sent events: status changes of the session's operations")));
        schemas.remove("SseEmitter");
    }

    private static Schema<?> string(String description) {
        return new Schema<>().types(Set.of("string")).description(description);
    }

    private static Schema<?> integer(String description) {
        return new Schema<>().types(Set.of("integer")).format("int32").description(description);
    }
}

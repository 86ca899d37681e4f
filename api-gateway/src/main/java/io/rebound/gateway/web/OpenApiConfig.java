package io.rebound.gateway.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html} in the local profile),
 * committed as {@code docs/openapi.json} and the source of the SPA's types. Every operation documents the
 * problem+json answers it can give, with the codes clients switch on; {@link ApiSchemas} makes the schemas say what
 * the server writes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "Malformed id or body: INVALID_PARAMETER, VALIDATION_FAILED, BAD_REQUEST",
            "401", "No or wrong credentials: UNAUTHENTICATED, BAD_CREDENTIALS",
            "403", "Not allowed, or CSRF token missing for cookie sessions: FORBIDDEN",
            "404", "Unknown, or another user's resource: NOT_FOUND, QUESTION_NOT_FOUND",
            "409",
                    "Conflicts: OPERATION_NOT_RETRYABLE, RETRY_LIMIT_REACHED, NO_QUESTION_TO_ANSWER,"
                            + " MODEL_ANSWER_EXISTS",
            "429",
                    "Too many requests; Retry-After (and retry_after_seconds) says when to ask again:"
                            + " TOO_MANY_OPEN_OPERATIONS, OPERATION_RATE_LIMITED, SIGN_IN_THROTTLED",
            "503", "The database is unreachable; nothing was saved: SERVICE_UNAVAILABLE");

    @Bean
    OpenAPI reboundOpenApi() {
        return new OpenAPI()
                .servers(List.of(new Server().url("/").description("The gateway that serves this document")))
                .info(new Info()
                        .title("Rebound API")
                        .version("v1")
                        .description("Recoverable AI operations: sessions, questions, answers, operations, retries."))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    /** A record component marked {@code @Schema(nullable = true)} is written as null when empty. */
    @Bean
    PropertyCustomizer nullableProperties() {
        return (property, type) -> type.getCtxAnnotations() != null
                        && Arrays.stream(type.getCtxAnnotations())
                                .anyMatch(
                                        a -> a instanceof io.swagger.v3.oas.annotations.media.Schema s && s.nullable())
                ? ApiSchemas.nullable(property)
                : property;
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", ApiSchemas.problem());
            Schema<?> problemRef = new Schema<>().$ref("#/components/schemas/Problem");
            openApi.getPaths()
                    .values()
                    .forEach(path -> path.readOperations()
                            .forEach(operation -> PROBLEMS.forEach((status, description) -> operation
                                    .getResponses()
                                    .putIfAbsent(
                                            status,
                                            new ApiResponse()
                                                    .description(description)
                                                    .content(new Content()
                                                            .addMediaType(
                                                                    "application/problem+json",
                                                                    new MediaType().schema(problemRef)))))));
        };
    }

    @Bean
    OpenApiCustomizer wireSchemas() {
        return ApiSchemas::toWire;
    }
}

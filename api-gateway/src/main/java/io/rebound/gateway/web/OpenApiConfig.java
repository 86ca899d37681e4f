package io.rebound.gateway.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html} in the local profile). Every
 * operation documents the problem+json answers it can give, with the codes clients switch on.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "Malformed id or body: INVALID_PARAMETER, VALIDATION_FAILED, BAD_REQUEST",
            "401", "No or wrong credentials: UNAUTHENTICATED, BAD_CREDENTIALS",
            "403", "Not allowed, or CSRF token missing for cookie sessions: FORBIDDEN",
            "404", "Unknown, or another user's resource: NOT_FOUND",
            "409", "Conflicts: OPERATION_NOT_RETRYABLE, RETRY_LIMIT_REACHED, NO_QUESTION_TO_ANSWER",
            "429",
                    "Too many requests; Retry-After (and retry_after_seconds) says when to ask again:"
                            + " TOO_MANY_OPEN_OPERATIONS, OPERATION_RATE_LIMITED, SIGN_IN_THROTTLED",
            "503", "The database is unreachable; nothing was saved: SERVICE_UNAVAILABLE");

    @Bean
    OpenAPI reboundOpenApi() {
        Schema<?> problem = new ObjectSchema()
                .addProperty("type", new StringSchema().example("https://rebound.io/problems/operation-not-retryable"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().example("OPERATION_NOT_RETRYABLE"))
                .addProperty("retry_after_seconds", new IntegerSchema())
                .addProperty("limit", new IntegerSchema());
        return new OpenAPI()
                .info(new Info()
                        .title("Rebound API")
                        .version("v1")
                        .description("Recoverable AI operations: sessions, questions, answers, operations, retries."))
                .components(new Components()
                        .addSchemas("Problem", problem)
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths()
                .values()
                .forEach(
                        path -> path.readOperations()
                                .forEach(
                                        operation -> PROBLEMS.forEach(
                                                (status, description) -> operation
                                                        .getResponses()
                                                        .putIfAbsent(
                                                                status,
                                                                new ApiResponse()
                                                                        .description(description)
                                                                        .content(
                                                                                new Content()
                                                                                        .addMediaType(
                                                                                                "application/problem+json",
                                                                                                new MediaType()
                                                                                                        .schema(
                                                                                                                new Schema<>()
                                                                                                                        .$ref(
                                                                                                                                "#/components/schemas/Problem"))))))));
    }
}

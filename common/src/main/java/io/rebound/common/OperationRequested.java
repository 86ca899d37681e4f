package io.rebound.common;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Asks for one AI operation. Published on {@link Topics#OPERATIONS_REQUESTED} with the operation id as key, by the
 * gateway's outbox relay and by other services. JSON field names are snake_case; see
 * {@code schemas/operation-requested.v1.schema.json}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; consumers reject versions they do not know
 * @param parameters what the operation works on: {@code role} for question generation; {@code role}, {@code question}
 *     and {@code answer} for feedback analysis
 * @param sessionId the interview session, or null for operations of other services
 * @param messageId the session message the operation is about (the answer, for feedback), or null
 * @param parentOperationId the failed operation this one retries, or null
 * @param retryCount 0 for a first request, parent's + 1 for a retry
 * @param requestedBy who asked: a user's email, or a service name
 */
public record OperationRequested(
        int schemaVersion,
        UUID operationId,
        OperationType operationType,
        Map<String, String> parameters,
        UUID sessionId,
        UUID messageId,
        UUID parentOperationId,
        int retryCount,
        String requestedBy,
        OperationSource source,
        Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;

    public OperationRequested {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public String parameter(String name) {
        return parameters.get(name);
    }
}

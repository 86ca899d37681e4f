package io.rebound.gateway.operation;

import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over what a request asks for: its id, type, parameters, context and requester. The time it names is left out
 * (the database keeps it at a coarser precision), so a faithful redelivery has the same digest and anything else that
 * reuses the id does not.
 */
final class RequestDigest {

    private RequestDigest() {}

    static String of(OperationRequested request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("operation_id", request.operationId());
        fields.put("operation_type", request.operationType());
        fields.put("parameters", new TreeMap<>(request.parameters()));
        fields.put("session_id", request.sessionId());
        fields.put("message_id", request.messageId());
        fields.put("parent_operation_id", request.parentOperationId());
        fields.put("retry_count", request.retryCount());
        fields.put("requested_by", request.requestedBy());
        fields.put("source", request.source());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(EventJson.writeString(fields).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package io.rebound.common;

import java.util.ArrayList;
import java.util.List;

/** Checks what JSON parsing cannot: supported schema versions, required fields and parameters. */
public final class EventValidator {

    private EventValidator() {}

    public static OperationRequested validate(OperationRequested event) {
        List<String> problems = new ArrayList<>();
        if (event.schemaVersion() != OperationRequested.SCHEMA_VERSION) {
            problems.add("unsupported schema_version " + event.schemaVersion() + " (supported: "
                    + OperationRequested.SCHEMA_VERSION + ")");
        }
        if (event.operationId() == null) {
            problems.add("operation_id is missing");
        }
        if (event.operationType() == null) {
            problems.add("operation_type is missing");
        } else {
            for (String name : event.operationType().requiredParameters()) {
                String value = event.parameter(name);
                if (value == null || value.isBlank()) {
                    problems.add("parameters." + name + " is missing");
                }
            }
        }
        if (event.retryCount() < 0) {
            problems.add("retry_count must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException("invalid OperationRequested: " + String.join("; ", problems));
        }
        return event;
    }

    public static OperationStatusChanged validate(OperationStatusChanged event) {
        if (event.schemaVersion() != OperationStatusChanged.SCHEMA_VERSION) {
            throw new InvalidEventException("unsupported schema_version " + event.schemaVersion());
        }
        if (event.eventId() == null || event.request() == null || event.status() == null) {
            throw new InvalidEventException(
                    "invalid OperationStatusChanged: event_id, request and status are required");
        }
        validate(event.request());
        return event;
    }
}

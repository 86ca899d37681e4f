package io.rebound.gateway.operation;

import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationType;
import io.rebound.gateway.web.ApiSchemas;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The values of the operation's string fields in the API document, from the enums that write them. */
@Configuration(proxyBeanMethods = false)
class OperationSchemas {

    @Bean
    OpenApiCustomizer operationEnums() {
        return api -> {
            ApiSchemas.enumerate(
                    api,
                    "Operation",
                    "operationType",
                    Arrays.stream(OperationType.values())
                            .map(OperationType::wireName)
                            .toList());
            ApiSchemas.enumerate(
                    api,
                    "Operation",
                    "status",
                    Arrays.stream(OperationStatus.values())
                            .map(OperationStatus::wireName)
                            .toList());
            ApiSchemas.enumerate(
                    api,
                    "Operation",
                    "source",
                    Arrays.stream(OperationSource.values())
                            .map(OperationSource::wireName)
                            .toList());
            ApiSchemas.enumerate(
                    api,
                    "Attempt",
                    "outcome",
                    List.of(OperationAttempt.RUNNING, OperationAttempt.SUCCEEDED, OperationAttempt.FAILED));
        };
    }
}

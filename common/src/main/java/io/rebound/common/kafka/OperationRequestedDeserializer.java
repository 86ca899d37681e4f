package io.rebound.common.kafka;

import io.rebound.common.EventJson;
import io.rebound.common.EventValidator;
import io.rebound.common.OperationRequested;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads and validates an {@link OperationRequested}. It throws {@link io.rebound.common.InvalidEventException} for a bad
 * record; put spring-kafka's {@code ErrorHandlingDeserializer} in front of it so such a record is dead-lettered with
 * the reason instead of failing every poll.
 */
public class OperationRequestedDeserializer implements Deserializer<OperationRequested> {

    @Override
    public OperationRequested deserialize(String topic, byte[] data) {
        return EventValidator.validate(EventJson.read(data, OperationRequested.class));
    }
}

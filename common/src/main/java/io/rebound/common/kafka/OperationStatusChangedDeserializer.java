package io.rebound.common.kafka;

import io.rebound.common.EventJson;
import io.rebound.common.EventValidator;
import io.rebound.common.OperationStatusChanged;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads and validates an {@link OperationStatusChanged}; see {@link OperationRequestedDeserializer}. */
public class OperationStatusChangedDeserializer implements Deserializer<OperationStatusChanged> {

    @Override
    public OperationStatusChanged deserialize(String topic, byte[] data) {
        return EventValidator.validate(EventJson.read(data, OperationStatusChanged.class));
    }
}

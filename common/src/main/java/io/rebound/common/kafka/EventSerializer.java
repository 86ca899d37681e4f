package io.rebound.common.kafka;

import io.rebound.common.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any event record as snake_case JSON. A {@code byte[]} value is written unchanged: that is how a record that
 * could not be read at all reaches its dead-letter topic byte for byte.
 */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        if (event == null) {
            return null;
        }
        return event instanceof byte[] raw ? raw : EventJson.write(event);
    }
}
